import type {
  CoachingGroupKind,
  CoachingInbox,
  CoachingMessageId,
  CoachingRead,
  CoachingRecipientAgent,
  CoachingTarget,
  ListRecipientsQuery,
  RecipientsPreview,
  SentCoachingMessage,
} from "../../../common/api/coaching.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db, Executor } from "../../db/database.ts";
import type { Clock } from "../../lib/clock.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, userRoom } from "../../realtime/rooms.ts";
import { agentScopeOf } from "../agent-scope/agent-scope.policy.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor, Principal } from "../auth/principal.ts";
import { fieldError } from "../memberships/member-rules.ts";
import { groupByPayload, presentCopy } from "./coaching.presenter.ts";
import * as coaching from "./coaching.repository.ts";
import * as recipients from "./coaching-recipients.repository.ts";

export interface CoachingServiceOptions {
  db: Db;
  events: EventBus;
  audit: AuditService;
  clock: Clock;
}

interface Resolved {
  target: recipients.ResolvedTarget;
  /** The agent's full name, or the group's name. */
  name: string;
}

const GROUP_LABELS = { team: "Team", queue: "Queue", campaign: "Campaign", list: "List" } as const;

/**
 * product.md, Coaching messages: admins and supervisors send one-way messages to one agent or a group (a
 * supervisor only to the agents of their queues); each copy is stored before anything is pushed; agents online in
 * a working status get it at once, the others when they next sign in or come back; agents read their day.
 * There is no reply and no unsend: no such method exists.
 */
export class CoachingService {
  constructor(private readonly options: CoachingServiceOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  /** The compose page's agent list: the agents a group (or, without one, the sender's scope) reaches. */
  async listRecipients(actor: Actor, query: ListRecipientsQuery): Promise<Page<CoachingRecipientAgent>> {
    const user = actor.principal.user;
    const filters = { search: query.search, typology: query.typology, status: query.status };
    let selection: recipients.RecipientSelection = { kind: "everyone", filters };
    if (query.groupKind !== undefined || query.groupId !== undefined) {
      if (query.groupKind === undefined || query.groupId === undefined) {
        throw fieldError(query.groupKind === undefined ? "groupKind" : "groupId", query.groupKind === undefined ? "groupKind: required with groupId" : "groupId: required with groupKind");
      }
      await this.groupName(this.db, user, query.groupKind, query.groupId);
      selection = { kind: "group", groupKind: query.groupKind, groupId: query.groupId, filters };
    }
    const { rows, total } = await recipients.findRecipientPage(this.db, agentScopeOf(user), selection, query);
    return { items: rows.map((row) => ({ ...row, id: row.id as UserId })), total, page: query.page, pageSize: query.pageSize };
  }

  /** What the confirmation shows: the agent's name, or the group's name and how many agents it reaches now. */
  async preview(actor: Actor, target: CoachingTarget): Promise<RecipientsPreview> {
    const user = actor.principal.user;
    const resolved = await this.resolve(this.db, user, target);
    if (resolved.target.kind === "agent") {
      return { kind: "agent", name: resolved.name, count: 1 };
    }
    const count = await recipients.countRecipients(this.db, agentScopeOf(user), resolved.target);
    return { kind: resolved.target.groupKind, name: resolved.name, count };
  }

  async send(actor: Actor, request: { body: string; target: CoachingTarget }): Promise<SentCoachingMessage> {
    const user = actor.principal.user;
    const createdAt = this.options.clock.now();
    const sent = await this.db.transaction().execute(async (transaction) => {
      const resolved = await this.resolve(transaction, user, request.target);
      const target = resolved.target;
      const message = await coaching.insertMessage(transaction, {
        senderId: user.id,
        senderName: user.fullName,
        senderUsername: user.username,
        body: request.body,
        targetKind: target.kind === "agent" ? "agent" : target.groupKind,
        targetId: target.kind === "agent" ? target.agentId : target.groupId,
        targetName: resolved.name,
        filters: target.kind === "agent" ? {} : target.filters,
        createdAt,
      });
      const copies = await recipients.insertCopies(transaction, agentScopeOf(user), target, message);
      if (copies.length === 0) {
        throw new ConflictError("no_recipients", "target: no agent you may message is in this group with these filters");
      }
      await coaching.setRecipientCount(transaction, message.id, copies.length);
      const described = target.kind === "agent" ? resolved.name : `${GROUP_LABELS[target.groupKind].toLowerCase()} ${resolved.name}`;
      await this.options.audit.record(transaction, actor, {
        action: "coaching_message.sent",
        entityType: "coaching_message",
        entityId: message.id,
        summary: `Sent a coaching message to ${described} (${copies.length} ${copies.length === 1 ? "agent" : "agents"})`,
        after: { body: request.body, target: request.target, recipientCount: copies.length },
      });
      return { message, copies, resolved };
    });
    const { message, copies, resolved } = sent;
    // After the commit: one emit to every live recipient's room, with the same payload for all.
    const live = copies.filter((copy) => copy.delivered).map((copy) => copy.agentId);
    if (live.length > 0) {
      const copy = presentCopy({ messageId: message.id, agentId: "", body: request.body, senderName: user.fullName, createdAt: message.createdAt, deliveredAt: message.createdAt, readAt: null });
      this.options.events.publish("coaching_message.delivered", { messages: [copy] }, { rooms: live.map(userRoom) });
    }
    // An agent who came back while the send was committing: the presence change found nothing yet to deliver.
    if (live.length < copies.length) {
      await this.deliverWaiting({ messageId: message.id });
    }
    this.options.events.publish("coaching_message.sent", { messageId: message.id as CoachingMessageId }, { rooms: [adminRoom()] });
    const target = resolved.target;
    return {
      id: message.id as CoachingMessageId,
      body: request.body,
      sentAt: message.createdAt.toISOString(),
      target: { kind: target.kind === "agent" ? "agent" : target.groupKind, id: target.kind === "agent" ? target.agentId : target.groupId, name: resolved.name },
      recipientCount: copies.length,
      deliveredCount: live.length,
    };
  }

  /** The signed-in agent's messages of the day, oldest first. */
  async inbox(principal: Principal): Promise<CoachingInbox> {
    const rows = await coaching.findDayCopies(this.db, principal.user.id);
    const items = rows.map(presentCopy);
    return { items, unread: items.filter((item) => item.readAt === null).length };
  }

  async unread(principal: Principal): Promise<{ unread: number }> {
    return { unread: await coaching.countUnread(this.db, principal.user.id) };
  }

  /** Marks the agent's own copies read; another agent's copies are never touched. Every tab of the agent hears it. */
  async markRead(principal: Principal, messageIds: readonly string[]): Promise<CoachingRead> {
    const agentId = principal.user.id;
    const readAt = this.options.clock.now();
    const changed = await coaching.markRead(this.db, agentId, [...new Set(messageIds)], readAt);
    const unread = await coaching.countUnread(this.db, agentId);
    const result: CoachingRead = { messageIds: changed as CoachingMessageId[], readAt: readAt.toISOString(), unread };
    if (changed.length > 0) {
      this.options.events.publish("coaching_message.read", result, { rooms: [userRoom(agentId)] });
    }
    return result;
  }

  /**
   * Pushes the waiting copies of agents now online in a working status: after a sign-in or a return from a
   * break (presence listener), or right after a send committed. Agents given the same messages share one emit.
   */
  async deliverWaiting(scope: { agentIds: readonly string[] } | { messageId: string }): Promise<number> {
    const delivered = await coaching.deliverWaiting(this.db, scope, this.options.clock.now());
    for (const group of groupByPayload(delivered)) {
      this.options.events.publish("coaching_message.delivered", { messages: group.messages }, { rooms: group.agentIds.map(userRoom) });
    }
    return delivered.length;
  }

  private async resolve(executor: Executor, user: Principal["user"], target: CoachingTarget): Promise<Resolved> {
    if (target.kind === "agent") {
      const agent = await recipients.findTargetAgent(executor, agentScopeOf(user), target.agentId);
      if (!agent) {
        throw new NotFoundError("agent_not_found", "Agent not found.");
      }
      if (!agent.coachingOn) {
        throw new ConflictError("coaching_turned_off", `target.agentId: coaching is turned off for ${agent.fullName}; an admin can turn it on in their permissions`);
      }
      return { target: { kind: "agent", agentId: agent.id }, name: agent.fullName };
    }
    const name = await this.groupName(executor, user, target.groupKind, target.groupId);
    return { target: { kind: "group", groupKind: target.groupKind, groupId: target.groupId, filters: target.filters }, name };
  }

  private async groupName(executor: Executor, user: Principal["user"], groupKind: CoachingGroupKind, groupId: string): Promise<string> {
    const name = await recipients.findGroupName(executor, groupKind, groupId, user.role === "admin" ? undefined : user.id);
    if (name === undefined) {
      throw new NotFoundError(`${groupKind}_not_found`, `${GROUP_LABELS[groupKind]} not found.`);
    }
    return name;
  }
}
