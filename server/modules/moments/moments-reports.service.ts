import { sql, type SelectQueryBuilder } from "kysely";
import type { MomentReport, MomentReportQuery } from "../../../common/api/moments.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db } from "../../db/database.ts";
import type { Database } from "../../db/tables.ts";
import type { Principal } from "../auth/principal.ts";
import { firingsInScope, momentsActorOf, type MomentsActor } from "./moments.policy.ts";
import type { FiringRow } from "./moments.presenter.ts";

const DEFAULT_DAYS = 7;
const EXPORT_BATCH = 1_000;

export interface ReportRange {
  from: Date;
  to: Date;
}

export type ExportRecord = FiringRow & { teams: string };

/**
 * Moments reports (issue 7, item 6; seed 000: "The data, graphs, and filters shown on Reports pages are scoped
 * only to the Agent"): firings over time, per notification, per agent and per team, with a date range and filters.
 * Every query is limited to the asker's scope first; an agent's `agentId` filter is replaced by their own id.
 */
export class MomentsReportsService {
  constructor(private readonly db: Db) {}

  async report(principal: Principal, query: MomentReportQuery): Promise<MomentReport> {
    const actor = await momentsActorOf(this.db, principal);
    const scoped = scopedQuery(actor, query);
    const range = rangeOf(query);
    const filtered = () => this.filtered(actor, scoped, range);
    const granularity = sql.lit(query.granularity);
    const [totals, series, byNotification, byAgent, byTeam] = await Promise.all([
      filtered()
        .select([sql<number>`count(*)::int`.as("total"), sql<number>`(count(*) filter (where moment_firings.helpful))::int`.as("helpful")])
        .executeTakeFirstOrThrow(),
      filtered()
        .select([sql<Date>`date_trunc(${granularity}, moment_firings.fired_at at time zone 'UTC') at time zone 'UTC'`.as("bucket"), sql<number>`count(*)::int`.as("firings")])
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .execute(),
      filtered()
        .leftJoin("momentNotifications as notification", "notification.id", "momentFirings.notificationId")
        .select([
          "momentFirings.notificationId as id",
          sql<string>`coalesce(max(notification.name), max(moment_firings.notification_name))`.as("name"),
          ...countColumns(),
        ])
        .groupBy("momentFirings.notificationId")
        .orderBy(sql`count(*)`, "desc")
        .limit(100)
        .execute(),
      filtered()
        .select(["momentFirings.agentId as id", sql<string>`max(moment_firings.agent_name)`.as("name"), ...countColumns()])
        .groupBy("momentFirings.agentId")
        .orderBy(sql`count(*)`, "desc")
        .limit(100)
        .execute(),
      filtered()
        .innerJoin("teamMembers as member", "member.userId", "momentFirings.agentId")
        .innerJoin("teams", "teams.id", "member.teamId")
        .select(["teams.id as id", sql<string>`max(teams.name)`.as("name"), ...countColumns()])
        .groupBy("teams.id")
        .orderBy(sql`count(*)`, "desc")
        .limit(100)
        .execute(),
    ]);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      granularity: query.granularity,
      scope: { agentId: actor.kind === "agent" ? (actor.userId as UserId) : null },
      total: totals.total,
      helpful: totals.helpful,
      series: series.map((row) => ({ bucket: new Date(row.bucket).toISOString(), firings: row.firings })),
      byNotification,
      byAgent,
      byTeam,
    };
  }

  /** The firings behind a report, oldest first, read in batches: the CSV export. Access is checked before it starts. */
  async exportRecords(principal: Principal, query: MomentReportQuery): Promise<AsyncGenerator<ExportRecord>> {
    const actor = await momentsActorOf(this.db, principal);
    return this.records(actor, query);
  }

  private async *records(actor: MomentsActor, query: MomentReportQuery): AsyncGenerator<ExportRecord> {
    const scoped = scopedQuery(actor, query);
    const range = rangeOf(query);
    let after: { firedAt: Date; id: string } | undefined;
    for (;;) {
      let page = this.filtered(actor, scoped, range)
        .selectAll("momentFirings")
        .select(sql<string>`coalesce((select string_agg(t.name, '; ' order by t.name) from team_members tm join teams t on t.id = tm.team_id where tm.user_id = moment_firings.agent_id), '')`.as("teams"))
        .orderBy("momentFirings.firedAt")
        .orderBy("momentFirings.id")
        .limit(EXPORT_BATCH);
      if (after) {
        const cursor = after;
        page = page.where((eb) => eb.or([eb("momentFirings.firedAt", ">", cursor.firedAt), eb.and([eb("momentFirings.firedAt", "=", cursor.firedAt), eb("momentFirings.id", ">", cursor.id)])]));
      }
      const rows = await page.execute();
      yield* rows;
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) {
        return;
      }
      after = { firedAt: last.firedAt, id: last.id };
    }
  }

  private filtered(actor: MomentsActor, query: MomentReportQuery, range: ReportRange): SelectQueryBuilder<Database, "momentFirings", object> {
    let builder = this.db
      .selectFrom("momentFirings")
      .where(firingsInScope(actor))
      .where("momentFirings.firedAt", ">=", range.from)
      .where("momentFirings.firedAt", "<", range.to);
    if (query.notificationId) {
      builder = builder.where("momentFirings.notificationId", "=", query.notificationId);
    }
    if (query.agentId) {
      builder = builder.where("momentFirings.agentId", "=", query.agentId);
    }
    if (query.channel) {
      builder = builder.where("momentFirings.channel", "=", query.channel);
    }
    if (query.teamId) {
      const teamId = query.teamId;
      builder = builder.where((eb) => eb.exists(eb.selectFrom("teamMembers").select("teamMembers.userId").whereRef("teamMembers.userId", "=", "momentFirings.agentId").where("teamMembers.teamId", "=", teamId)));
    }
    return builder;
  }
}

function countColumns() {
  return [
    sql<number>`count(*)::int`.as("firings"),
    sql<number>`(count(*) filter (where moment_firings.helpful))::int`.as("helpful"),
    sql<number>`(count(*) filter (where moment_firings.dismissed_at is not null))::int`.as("dismissed"),
  ] as const;
}

/** An agent's report is about them alone, whatever `agentId` they sent. */
function scopedQuery(actor: MomentsActor, query: MomentReportQuery): MomentReportQuery {
  return actor.kind === "agent" ? { ...query, agentId: actor.userId } : query;
}

export function rangeOf(query: { from?: string | undefined; to?: string | undefined }): ReportRange {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
  return { from, to };
}
