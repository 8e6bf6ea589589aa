import type { MomentContent, MomentContentRequest, MomentCriteria, MomentNotification, MomentsAccess } from "../../../common/api/moments.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { Db, Tx } from "../../db/database.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, roleRoom, userRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor, Principal } from "../auth/principal.ts";
import { fieldError } from "../memberships/member-rules.ts";
import * as config from "./moments-config.repository.ts";
import { sanitizeRichText } from "./moments-sanitize.ts";
import { agentsInScopeOf, momentsActorOf, selfServiceOf, type MomentsActor } from "./moments.policy.ts";
import { presentContent, presentNotification } from "./moments.presenter.ts";

export interface NotificationInput {
  name?: string | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
  criteria?: MomentCriteria | undefined;
  targets?: { teamIds: string[]; agentIds: string[]; excludedAgentIds: string[]; notifySupervisors: boolean } | undefined;
  contentIds?: string[] | undefined;
}

const notificationNotFound = () => new NotFoundError("moment_notification_not_found", "Notification not found.");
const contentNotFound = () => new NotFoundError("moment_content_not_found", "Content item not found.");

/**
 * Configuring Moments (issue 7, items 1, 2 and 5): notifications and content items, each change audited in its
 * transaction, which also bumps the matcher version so every server process rebuilds. Scope: moments.policy.ts.
 */
export class MomentsConfigService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
  ) {}

  async access(principal: Principal): Promise<MomentsAccess> {
    if (principal.user.role !== "agent") {
      return { manage: true, selfService: false, receive: false, reasons: [] };
    }
    const [selfService, user] = await Promise.all([selfServiceOf(this.db, principal.user.id), this.db.selectFrom("users").select("licenceMoments").where("id", "=", principal.user.id).executeTakeFirst()]);
    return { manage: false, selfService: selfService.allowed, receive: user?.licenceMoments === true, reasons: selfService.reasons };
  }

  async actor(principal: Principal): Promise<MomentsActor> {
    return momentsActorOf(this.db, principal);
  }

  // --- Notifications -----------------------------------------------------------------------------------------

  async listNotifications(principal: Principal, query: { search?: string | undefined; enabled?: boolean | undefined; page: number; pageSize: number }): Promise<Page<MomentNotification>> {
    const actor = await this.actor(principal);
    const { rows, total } = await config.findNotificationPage(this.db, actor, query);
    const details = await config.findNotificationDetails(this.db, rows.map((row) => row.id));
    return { items: rows.map((row) => presentNotification(row, details.get(row.id))), total, page: query.page, pageSize: query.pageSize };
  }

  async getNotification(principal: Principal, notificationId: string): Promise<MomentNotification> {
    const actor = await this.actor(principal);
    return this.readNotification(this.db, actor, notificationId);
  }

  async createNotification(request: Actor, input: NotificationInput & { name: string; criteria: MomentCriteria }): Promise<MomentNotification> {
    const actor = await this.actor(request.principal);
    const personal = actor.kind === "agent";
    const created = await this.db.transaction().execute(async (transaction) => {
      const values = await this.checkedValues(transaction, actor, { personal, ownerId: actor.userId }, input, undefined);
      const id = await config.insertNotification(transaction, { ...values.row, ownerId: actor.userId, personal });
      await config.replaceTargets(transaction, id, values.targets);
      await config.replaceContents(transaction, id, values.contentIds);
      await config.bumpMatcherVersion(transaction);
      const notification = await this.readNotification(transaction, actor, id);
      await this.audit.record(transaction, request, { action: "moment_notification.created", entityType: "moment_notification", entityId: id, summary: `Created the Moments notification ${notification.name}`, after: notification });
      return notification;
    });
    this.changed(created);
    return created;
  }

  async updateNotification(request: Actor, notificationId: string, input: NotificationInput): Promise<MomentNotification> {
    const actor = await this.actor(request.principal);
    const updated = await this.db.transaction().execute(async (transaction) => {
      const row = await config.findNotification(transaction, actor, notificationId, { forUpdate: true });
      if (!row) {
        throw notificationNotFound();
      }
      const before = await this.readNotification(transaction, actor, notificationId);
      const merged: NotificationInput = {
        name: input.name ?? before.name,
        description: input.description ?? before.description,
        enabled: input.enabled ?? before.enabled,
        criteria: input.criteria ?? before.criteria,
        contentIds: input.contentIds ?? before.contents.map((content) => content.id),
        targets: input.targets ?? {
          teamIds: before.targets.teams.map((team) => team.id),
          agentIds: before.targets.agents.map((agent) => agent.id),
          excludedAgentIds: before.targets.excludedAgents.map((agent) => agent.id),
          notifySupervisors: before.targets.notifySupervisors,
        },
      };
      const values = await this.checkedValues(transaction, actor, { personal: row.personal, ownerId: row.ownerId }, merged, input);
      await config.updateNotification(transaction, notificationId, values.row);
      await config.replaceTargets(transaction, notificationId, values.targets);
      await config.replaceContents(transaction, notificationId, values.contentIds);
      await config.bumpMatcherVersion(transaction);
      const after = await this.readNotification(transaction, actor, notificationId);
      await this.audit.record(transaction, request, { action: "moment_notification.updated", entityType: "moment_notification", entityId: notificationId, summary: `Changed the Moments notification ${after.name}`, before, after });
      return after;
    });
    this.changed(updated);
    return updated;
  }

  async deleteNotification(request: Actor, notificationId: string): Promise<void> {
    const actor = await this.actor(request.principal);
    const deleted = await this.db.transaction().execute(async (transaction) => {
      const row = await config.findNotification(transaction, actor, notificationId, { forUpdate: true });
      if (!row) {
        throw notificationNotFound();
      }
      const before = await this.readNotification(transaction, actor, notificationId);
      await config.deleteNotification(transaction, notificationId);
      await config.bumpMatcherVersion(transaction);
      await this.audit.record(transaction, request, { action: "moment_notification.deleted", entityType: "moment_notification", entityId: notificationId, summary: `Deleted the Moments notification ${before.name}`, before });
      return before;
    });
    this.changed(deleted);
  }

  /** Visible enabled notifications for "try it" (at most 200). */
  async triable(principal: Principal): Promise<MomentNotification[]> {
    const actor = await this.actor(principal);
    const { rows } = await config.findNotificationPage(this.db, actor, { enabled: true, page: 1, pageSize: 200 });
    return rows.map((row) => presentNotification(row, undefined));
  }

  // --- Content items -----------------------------------------------------------------------------------------

  async listContents(principal: Principal, query: { search?: string | undefined; page: number; pageSize: number }): Promise<Page<MomentContent>> {
    const actor = await this.actor(principal);
    const { rows, total } = await config.findContentPage(this.db, actor, query);
    return { items: rows.map(presentContent), total, page: query.page, pageSize: query.pageSize };
  }

  async getContent(principal: Principal, contentId: string): Promise<MomentContent> {
    const actor = await this.actor(principal);
    const row = await config.findContent(this.db, actor, contentId);
    if (!row) {
      throw contentNotFound();
    }
    return presentContent(row);
  }

  async createContent(request: Actor, input: { title: string; bodyHtml: string; links: { label: string; url: string }[] }): Promise<MomentContent> {
    const actor = await this.actor(request.principal);
    return this.db.transaction().execute(async (transaction) => {
      const id = await config.insertContent(transaction, { ...input, bodyHtml: sanitizeRichText(input.bodyHtml), ownerId: actor.userId });
      const content = presentContent((await config.findContent(transaction, actor, id)) as config.ContentRow);
      await this.audit.record(transaction, request, { action: "moment_content.created", entityType: "moment_content", entityId: id, summary: `Created the Moments content ${content.title}`, after: content });
      return content;
    });
  }

  async updateContent(request: Actor, contentId: string, input: Partial<MomentContentRequest>): Promise<MomentContent> {
    const actor = await this.actor(request.principal);
    return this.db.transaction().execute(async (transaction) => {
      const row = await config.findContent(transaction, actor, contentId, { forUpdate: true });
      if (!row) {
        throw contentNotFound();
      }
      const before = presentContent(row);
      await config.updateContent(transaction, contentId, {
        title: input.title ?? row.title,
        bodyHtml: input.bodyHtml === undefined ? row.bodyHtml : sanitizeRichText(input.bodyHtml),
        links: input.links ?? row.links,
      });
      const after = presentContent((await config.findContent(transaction, actor, contentId)) as config.ContentRow);
      await this.audit.record(transaction, request, { action: "moment_content.updated", entityType: "moment_content", entityId: contentId, summary: `Changed the Moments content ${after.title}`, before, after });
      return after;
    });
  }

  async deleteContent(request: Actor, contentId: string): Promise<void> {
    const actor = await this.actor(request.principal);
    await this.db.transaction().execute(async (transaction) => {
      const row = await config.findContent(transaction, actor, contentId, { forUpdate: true });
      if (!row) {
        throw contentNotFound();
      }
      await config.deleteContent(transaction, contentId);
      await this.audit.record(transaction, request, { action: "moment_content.deleted", entityType: "moment_content", entityId: contentId, summary: `Deleted the Moments content ${row.title}`, before: presentContent(row) });
    });
  }

  // --- Rules -------------------------------------------------------------------------------------------------

  private async readNotification(executor: Db | Tx, actor: MomentsActor, notificationId: string): Promise<MomentNotification> {
    const row = await config.findNotification(executor, actor, notificationId);
    if (!row) {
      throw notificationNotFound();
    }
    const details = await config.findNotificationDetails(executor, [row.id]);
    return presentNotification(row, details.get(row.id));
  }

  /**
   * The checked row, targets and content of a notification. A personal notification reaches its owner alone (its
   * targets are never taken from the request); an agent configures phrase criteria only (seed 000: "limited access
   * to basic notification configuration, such as Phrase Match triggering criteria") and only their own content.
   */
  private async checkedValues(transaction: Tx, actor: MomentsActor, owner: { personal: boolean; ownerId: string | null }, input: NotificationInput, request: NotificationInput | undefined) {
    const asked = request ?? input;
    if (owner.personal && asked.targets !== undefined) {
      throw fieldError("targets", "targets: a personal notification reaches its owner alone; leave targets out");
    }
    const criteria = input.criteria as MomentCriteria;
    if (actor.kind === "agent" && asked.criteria !== undefined) {
      assertBasicCriteria(criteria);
    }
    const targets = owner.personal
      ? { teamIds: [], agentIds: owner.ownerId ? [owner.ownerId] : [], excludedAgentIds: [], notifySupervisors: false }
      : await this.checkedTargets(transaction, actor, input.targets ?? { teamIds: [], agentIds: [], excludedAgentIds: [], notifySupervisors: false });
    const queues = await config.findExistingQueues(transaction, criteria.queueIds);
    const unknownQueue = criteria.queueIds.find((queueId) => !queues.has(queueId));
    if (unknownQueue) {
      throw fieldError("criteria.queueIds", `criteria.queueIds: no queue ${unknownQueue}`);
    }
    const contentIds = [...new Set(input.contentIds ?? [])];
    const usable = await config.findUsableContents(transaction, actor, contentIds, owner.personal ? (owner.ownerId ?? undefined) : undefined);
    const unusable = contentIds.find((contentId) => !usable.has(contentId));
    if (unusable) {
      throw fieldError("contentIds", `contentIds: no content item ${unusable} you may use here`);
    }
    return {
      row: { name: input.name ?? "", description: input.description ?? "", enabled: input.enabled ?? true, criteria, notifySupervisors: targets.notifySupervisors },
      targets,
      contentIds,
    };
  }

  private async checkedTargets(transaction: Tx, actor: MomentsActor, targets: NonNullable<NotificationInput["targets"]>) {
    const teamIds = [...new Set(targets.teamIds)];
    const teams = await config.findExistingTeams(transaction, teamIds);
    const unknownTeam = teamIds.find((teamId) => !teams.has(teamId));
    if (unknownTeam) {
      throw fieldError("targets.teamIds", `targets.teamIds: no team ${unknownTeam}`);
    }
    const agentIds = [...new Set(targets.agentIds)];
    const excludedAgentIds = [...new Set(targets.excludedAgentIds)];
    const known = await agentsInScopeOf(transaction, actor, [...agentIds, ...excludedAgentIds]);
    for (const [field, ids] of [["targets.agentIds", agentIds], ["targets.excludedAgentIds", excludedAgentIds]] as const) {
      const unknown = ids.find((agentId) => !known.has(agentId));
      if (unknown) {
        throw fieldError(field, `${field}: no agent ${unknown} you manage`);
      }
    }
    return { teamIds, agentIds, excludedAgentIds, notifySupervisors: targets.notifySupervisors };
  }

  private changed(notification: MomentNotification): void {
    const rooms = [adminRoom(), roleRoom("supervisor"), ...(notification.owner ? [userRoom(notification.owner.id)] : [])];
    this.events.publish("moment_notification.changed", { notificationId: notification.id }, { rooms });
  }
}

function assertBasicCriteria(criteria: MomentCriteria): void {
  const advanced: [boolean, string][] = [
    [criteria.allOf.length > 0, "criteria.allOf"],
    [criteria.exclude.length > 0, "criteria.exclude"],
    [criteria.notMentioned !== null, "criteria.notMentioned"],
    [criteria.speaker !== "either", "criteria.speaker"],
    [criteria.channels.length > 0, "criteria.channels"],
    [criteria.queueIds.length > 0, "criteria.queueIds"],
    [criteria.frequency.kind !== "once", "criteria.frequency"],
  ];
  const found = advanced.find(([used]) => used);
  if (found) {
    throw fieldError(found[1], `${found[1]}: your own notifications match phrases only (any of); ask a supervisor for more`);
  }
}
