import { sql } from "kysely";
import type { Channel } from "../../../common/domain/channels.ts";
import { disabledModulesOf } from "../../../common/domain/modules.ts";
import type { Executor, Tx } from "../../db/database.ts";
import type { MomentSpeaker } from "../../db/tables.ts";
import type { FiringRow, MomentContentView } from "./moments.presenter.ts";

/** What matching a text needs, in one statement: the conversation, its owner, their teams and the matcher version. */
export interface MatchContext {
  channel: Channel;
  queueId: string | null;
  state: string;
  ownerId: string | null;
  ownerName: string;
  acceptedAt: Date | null;
  /** product.md: "Turning the moments licence off removes both configuring and receiving moments"; the module too. */
  ownerReceives: boolean;
  ownerTeamIds: string[];
  version: bigint;
}

export async function findMatchContext(executor: Executor, interactionId: string): Promise<MatchContext | undefined> {
  const { rows } = await sql<{
    channel: Channel;
    queueId: string | null;
    state: string;
    ownerId: string | null;
    ownerName: string | null;
    acceptedAt: Date | null;
    licenceMoments: boolean | null;
    permissions: unknown;
    teamIds: string[] | null;
    version: string;
  }>`
    select i.channel, i.queue_id as "queueId", i.state, i.owner_id as "ownerId", i.accepted_at as "acceptedAt",
           u.full_name as "ownerName", u.licence_moments as "licenceMoments", u.permissions,
           array(select tm.team_id from team_members tm where tm.user_id = i.owner_id) as "teamIds",
           (select version from moment_matcher_version)::text as version
      from interactions i left join users u on u.id = i.owner_id
     where i.id = ${interactionId}`.execute(executor);
  const row = rows[0];
  if (!row) {
    return undefined;
  }
  return {
    channel: row.channel,
    queueId: row.queueId,
    state: row.state,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? "",
    acceptedAt: row.acceptedAt,
    ownerReceives: row.licenceMoments === true && !disabledModulesOf(row.permissions).includes("moments"),
    ownerTeamIds: row.teamIds ?? [],
    version: BigInt(row.version),
  };
}

export async function currentVersion(executor: Executor): Promise<bigint> {
  const row = await executor.selectFrom("momentMatcherVersion").select("version").executeTakeFirstOrThrow();
  return BigInt(row.version);
}

/** Adds the all-of phrases seen and an exclusion said to the conversation's state; answers the state after. */
export async function recordSeen(transaction: Tx, interactionId: string, notificationId: string, seenAllOf: readonly number[], excluded: boolean): Promise<{ seenAllOf: number[]; excluded: boolean }> {
  const { rows } = await sql<{ seenAllOf: number[]; excluded: boolean }>`
    insert into moment_conversation_states (interaction_id, notification_id, seen_all_of, excluded)
    values (${interactionId}, ${notificationId}, ${sql.val([...seenAllOf])}::int[], ${excluded})
    on conflict (interaction_id, notification_id) do update
       set seen_all_of = array(select distinct unnest(moment_conversation_states.seen_all_of || excluded.seen_all_of) order by 1),
           excluded = moment_conversation_states.excluded or excluded.excluded
    returning seen_all_of as "seenAllOf", excluded`.execute(transaction);
  const row = rows[0];
  return { seenAllOf: (row?.seenAllOf ?? []).map(Number), excluded: row?.excluded ?? false };
}

/**
 * Claims the right to fire: one conditional statement on the conversation's state row (created when missing), so
 * two processes handling two messages of one conversation cannot both fire a once-per-conversation notification,
 * and a cool-down holds across processes.
 */
export async function claimFiring(transaction: Tx, interactionId: string, notificationId: string, frequency: { kind: "once" } | { kind: "every"; cooldownSeconds: number }): Promise<boolean> {
  const allowed =
    frequency.kind === "once"
      ? sql`moment_conversation_states.fired_count = 0`
      : sql`(moment_conversation_states.last_fired_at is null or moment_conversation_states.last_fired_at <= now() - make_interval(secs => ${frequency.cooldownSeconds}))`;
  const { rows } = await sql`
    insert into moment_conversation_states (interaction_id, notification_id, last_fired_at, fired_count)
    values (${interactionId}, ${notificationId}, now(), 1)
    on conflict (interaction_id, notification_id) do update
       set last_fired_at = now(), fired_count = moment_conversation_states.fired_count + 1
     where ${allowed}
    returning 1 as claimed`.execute(transaction);
  return rows.length === 1;
}

/** Whether the supervisor manages this agent (they share a queue): a supervisor's notification reaches only them. */
export async function supervisorManages(transaction: Tx, supervisorId: string, agentId: string): Promise<boolean> {
  const { rows } = await sql`
    select 1 from queue_members agent_queue join queue_members supervisor_queue on supervisor_queue.queue_id = agent_queue.queue_id
     where agent_queue.user_id = ${agentId} and supervisor_queue.user_id = ${supervisorId} limit 1`.execute(transaction);
  return rows.length > 0;
}

export interface NewFiring {
  notificationId: string;
  notificationName: string;
  agentId: string;
  agentName: string;
  interactionId: string;
  channel: Channel;
  queueId: string | null;
  source: "message" | "transcript" | "deadline";
  sourceId: string | null;
  speaker: MomentSpeaker | null;
  phrase: string;
  matchedText: string;
  matchStart: number | null;
  matchEnd: number | null;
}

/** The firing, or undefined when this message already fired this notification (an event handled twice). */
export async function insertFiring(transaction: Tx, firing: NewFiring): Promise<FiringRow | undefined> {
  return transaction.insertInto("momentFirings").values(firing).onConflict((conflict) => conflict.doNothing()).returningAll().executeTakeFirst();
}

export async function clearDeadline(transaction: Tx, interactionId: string, notificationId: string): Promise<void> {
  await transaction.deleteFrom("momentDeadlines").where("interactionId", "=", interactionId).where("notificationId", "=", notificationId).execute();
}

export async function insertDeadlines(executor: Executor, rows: { interactionId: string; notificationId: string; agentId: string; dueAt: Date }[]): Promise<void> {
  if (rows.length > 0) {
    await executor.insertInto("momentDeadlines").values(rows).onConflict((conflict) => conflict.doNothing()).execute();
  }
}

export interface DueDeadline {
  interactionId: string;
  notificationId: string;
  agentId: string;
  agentName: string;
  state: string;
  ownerId: string | null;
  channel: Channel;
  queueId: string | null;
}

/** Claims due deadlines (SKIP LOCKED: each one is handled by one process) and deletes them in the same transaction. */
export async function claimDueDeadlines(transaction: Tx, limit: number): Promise<DueDeadline[]> {
  const { rows } = await sql<DueDeadline>`
    with due as (
      select interaction_id, notification_id from moment_deadlines
       where due_at <= now() order by due_at limit ${limit} for update skip locked
    ), claimed as (
      delete from moment_deadlines d using due
       where d.interaction_id = due.interaction_id and d.notification_id = due.notification_id
      returning d.interaction_id, d.notification_id, d.agent_id
    )
    select c.interaction_id as "interactionId", c.notification_id as "notificationId", c.agent_id as "agentId", u.full_name as "agentName",
           i.state, i.owner_id as "ownerId", i.channel, i.queue_id as "queueId"
      from claimed c join interactions i on i.id = c.interaction_id join users u on u.id = c.agent_id`.execute(transaction);
  return rows;
}

/** The texts of a conversation so far, oldest first: its messages and transcript segments. */
export async function findConversationTexts(executor: Executor, interactionId: string): Promise<{ id: string; source: "message" | "transcript"; speaker: MomentSpeaker; body: string }[]> {
  const { rows } = await sql<{ id: string; source: "message" | "transcript"; speaker: MomentSpeaker; body: string }>`
    select id, 'message' as source, case when direction = 'inbound' then 'customer' else 'agent' end as speaker, body, created_at
      from interaction_messages where interaction_id = ${interactionId}
    union all
    select id, 'transcript' as source, speaker, body, created_at from moment_transcript_segments where interaction_id = ${interactionId}
    order by created_at, id`.execute(executor);
  return rows;
}

/** Content items of these notifications, in their order, for the pushed moment. */
export async function findNotificationContents(executor: Executor, notificationIds: readonly string[]): Promise<Map<string, MomentContentView[]>> {
  const contents = new Map<string, MomentContentView[]>();
  if (notificationIds.length === 0) {
    return contents;
  }
  const rows = await executor
    .selectFrom("momentNotificationContents as link")
    .innerJoin("momentContents as content", "content.id", "link.contentId")
    .select(["link.notificationId", "content.id", "content.title", "content.bodyHtml", "content.links"])
    .where("link.notificationId", "in", [...new Set(notificationIds)])
    .orderBy("link.position")
    .execute();
  for (const row of rows) {
    const list = contents.get(row.notificationId) ?? [];
    list.push({ id: row.id as never, title: row.title, bodyHtml: row.bodyHtml, links: row.links });
    contents.set(row.notificationId, list);
  }
  return contents;
}

/** The supervisors who manage the agent (share a queue with them), not disabled. */
export async function findSupervisorsOf(executor: Executor, agentId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select distinct supervisor.id from queue_members agent_queue
      join queue_members supervisor_queue on supervisor_queue.queue_id = agent_queue.queue_id
      join users supervisor on supervisor.id = supervisor_queue.user_id and supervisor.role = 'supervisor' and not supervisor.disabled
     where agent_queue.user_id = ${agentId}`.execute(executor);
  return rows.map((row) => row.id);
}
