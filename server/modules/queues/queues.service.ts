import type { GroupMember, MemberListQuery, QueueId } from "../../../common/api/groups.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { AddAgentToQueuesRequest, AgentQueuesAdded, CreateQueueFields, Queue, QueueListQuery, UpdateQueueRequest } from "../../../common/api/queues.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Role } from "../../../common/domain/roles.ts";
import type { Db, Executor, Tx } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, queueRoom } from "../../realtime/rooms.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor, Principal } from "../auth/principal.ts";
import { acceptCandidates, fieldError, namesOf } from "../memberships/member-rules.ts";
import { lockCandidateMembers, type CandidateMember } from "../memberships/memberships.repository.ts";
import type { MembershipsService } from "../memberships/memberships.service.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import { isUniqueViolation } from "../memberships/query-helpers.ts";
import { presentQueue, presentQueueMember, queueFields } from "./queues.presenter.ts";
import * as queues from "./queues.repository.ts";

const queueNotFound = () => new NotFoundError("queue_not_found", "Queue not found.");
const agentNotFound = () => new NotFoundError("agent_not_found", "Agent not found.");
const nameTaken = () => new ConflictError("queue_name_taken", "name: already in use by another queue");

/** Admins see every queue; a supervisor only the queues they are enabled on (product.md), others are 404. */
function scopeOf(principal: Principal): queues.QueueScope {
  return principal.user.role === "admin" ? undefined : principal.user.id;
}

/** Admins enable agents and supervisors on queues; a supervisor adds and removes agents only. */
function memberRolesFor(principal: Principal): Role[] {
  return principal.user.role === "admin" ? ["agent", "supervisor"] : ["agent"];
}

/** Queues (channel, strategy, timeouts) and their members. Admins change them; supervisors staff their own. */
export class QueuesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
    private readonly settings: Pick<SettingsService, "getAccount">,
  ) {}

  async list(query: QueueListQuery, viewer: Principal): Promise<Page<Queue>> {
    const { rows, total } = await queues.listQueues(this.db, query, scopeOf(viewer));
    return { items: rows.map(presentQueue), total, page: query.page, pageSize: query.pageSize };
  }

  async get(queueId: string, viewer: Principal | undefined): Promise<Queue> {
    const queue = await queues.findQueue(this.db, queueId, viewer ? scopeOf(viewer) : undefined);
    if (!queue) {
      throw queueNotFound();
    }
    return presentQueue(queue);
  }

  async create(request: CreateQueueFields, actor: Actor): Promise<Queue> {
    await this.assertChannelEnabled(request.channel);
    const fields = { ...request, description: request.description || null };
    const created = await this.db.transaction().execute(async (transaction) => {
      const row = await queues.insertQueue(transaction, fields);
      if (!row) {
        throw nameTaken();
      }
      await this.audit.record(transaction, actor, { action: "queue.created", entityType: "queue", entityId: row.id, summary: `Created ${row.channel} queue ${row.name}`, after: queueFields(row) });
      return row;
    });
    return this.publish("queue.created", await this.get(created.id, undefined));
  }

  async update(queueId: string, request: UpdateQueueRequest, actor: Actor): Promise<Queue> {
    if (request.channel !== undefined) {
      await this.assertChannelEnabled(request.channel);
    }
    const changes = { ...request, ...(request.description !== undefined ? { description: request.description || null } : {}) };
    await this.db
      .transaction()
      .execute(async (transaction) => {
        const [before] = await queues.lockQueues(transaction, [queueId], undefined, "update");
        const after = before ? await queues.updateQueue(transaction, queueId, changes) : undefined;
        if (!before || !after) {
          throw queueNotFound();
        }
        await this.audit.record(transaction, actor, { action: "queue.updated", entityType: "queue", entityId: queueId, summary: `Updated queue ${after.name}`, before: queueFields(before), after: queueFields(after) });
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? nameTaken() : error;
      });
    return this.publish("queue.updated", await this.get(queueId, undefined));
  }

  async delete(queueId: string, actor: Actor): Promise<void> {
    const { queue, memberIds } = await this.db.transaction().execute(async (transaction) => {
      const [row] = await queues.lockQueues(transaction, [queueId], undefined, "update");
      if (!row) {
        throw queueNotFound();
      }
      const ids = await queues.findQueueMemberIds(transaction, queueId);
      await queues.deleteQueue(transaction, queueId);
      await this.audit.record(transaction, actor, { action: "queue.deleted", entityType: "queue", entityId: queueId, summary: `Deleted queue ${row.name}`, before: { ...queueFields(row), memberIds: ids } });
      return { queue: row, memberIds: ids };
    });
    this.events.publish("queue.deleted", { queueId: queue.id as QueueId }, { rooms: [adminRoom(), queueRoom(queue.id)] });
    await this.memberships.publishChanges(memberIds, { kind: "queue", action: "removed", groups: [{ id: queue.id, name: queue.name }] });
  }

  async listMembers(queueId: string, query: MemberListQuery, viewer: Principal): Promise<Page<GroupMember>> {
    await this.get(queueId, viewer);
    const { rows, total } = await queues.listQueueMembers(this.db, queueId, query);
    return { items: rows.map(presentQueueMember), total, page: query.page, pageSize: query.pageSize };
  }

  async addMembers(queueId: string, userIds: readonly string[], actor: Actor): Promise<Queue> {
    const { queue, added } = await this.db.transaction().execute(async (transaction) => {
      const queue = await this.lockVisibleQueue(transaction, queueId, actor.principal);
      const candidates = acceptCandidates(userIds, await lockCandidateMembers(transaction, userIds), memberRolesFor(actor.principal), "a queue");
      const pairs = await queues.insertQueueMembers(transaction, candidates.map((candidate) => ({ queueId, userId: candidate.id })));
      const addedIds = new Set(pairs.map((pair) => pair.userId));
      const members = candidates.filter((candidate) => addedIds.has(candidate.id));
      await this.recordMembers(transaction, actor, queue, members, "queue.member_added");
      return { queue, added: members };
    });
    return this.afterMembersChanged(queue, added.map((member) => member.id), "added");
  }

  async removeMembers(queueId: string, userIds: readonly string[], actor: Actor): Promise<Queue> {
    const { queue, removed } = await this.deleteMembers(queueId, userIds, actor);
    return this.afterMembersChanged(queue, removed, "removed");
  }

  async removeMember(queueId: string, userId: string, actor: Actor): Promise<void> {
    const { queue, removed } = await this.deleteMembers(queueId, [userId], actor);
    if (removed.length === 0) {
      throw new NotFoundError("queue_member_not_found", "This user is not a member of the queue.");
    }
    await this.afterMembersChanged(queue, removed, "removed");
  }

  /** Seed 002: add an agent to one or more queues, or to every queue of a channel, in one call. */
  async addAgentToQueues(agentId: string, request: AddAgentToQueuesRequest, actor: Actor): Promise<AgentQueuesAdded> {
    const scope = scopeOf(actor.principal);
    const added = await this.db.transaction().execute(async (transaction) => {
      const agent = await this.lockAgent(transaction, agentId, actor.principal);
      const targets = request.queueIds
        ? await queues.lockQueues(transaction, [...new Set(request.queueIds)], scope, "share")
        : await queues.lockQueuesOfChannel(transaction, request.channel ?? "voice", scope);
      if (request.queueIds && targets.length !== new Set(request.queueIds).size) {
        throw queueNotFound();
      }
      const pairs = await queues.insertQueueMembers(transaction, targets.map((queue) => ({ queueId: queue.id, userId: agentId })));
      const addedIds = new Set(pairs.map((pair) => pair.queueId));
      const addedQueues = targets.filter((queue) => addedIds.has(queue.id));
      for (const queue of addedQueues) {
        await this.recordMembers(transaction, actor, queue, [agent], "queue.member_added");
      }
      return addedQueues;
    });
    for (const queue of added) {
      this.publish("queue.updated", await this.get(queue.id, undefined));
    }
    await this.memberships.publishChanges([agentId], { kind: "queue", action: "added", groups: added.map(({ id, name }) => ({ id, name })) });
    return { added: added.map((queue) => ({ id: queue.id as QueueId, name: queue.name, channel: queue.channel })) };
  }

  async removeAgentFromQueue(agentId: string, queueId: string, actor: Actor): Promise<void> {
    await this.lockAgent(this.db, agentId, actor.principal);
    await this.removeMember(queueId, agentId, actor);
  }

  private async deleteMembers(queueId: string, userIds: readonly string[], actor: Actor): Promise<{ queue: queues.QueueRow; removed: string[] }> {
    return this.db.transaction().execute(async (transaction) => {
      const queue = await this.lockVisibleQueue(transaction, queueId, actor.principal);
      const members = await lockCandidateMembers(transaction, userIds);
      const allowed = memberRolesFor(actor.principal);
      const refused = members.find((member) => !allowed.includes(member.role));
      if (refused) {
        throw fieldError("userIds", `userIds: ${refused.username} is a ${refused.role}; you can remove agents only`);
      }
      const removedIds = new Set(await queues.deleteQueueMembers(transaction, queueId, userIds));
      await this.recordMembers(transaction, actor, queue, members.filter((member) => removedIds.has(member.id)), "queue.member_removed");
      return { queue, removed: [...removedIds] };
    });
  }

  /** product.md: voice, SMS and chat are on for every account; the others only where the account turns them on. */
  private async assertChannelEnabled(channel: Channel): Promise<void> {
    if (!(await this.settings.getAccount()).enabledChannels.includes(channel)) {
      throw fieldError("channel", `channel: ${channel} is not enabled for this account (turn it on under Channels)`);
    }
  }

  private async lockVisibleQueue(transaction: Tx, queueId: string, principal: Principal): Promise<queues.QueueRow> {
    const [queue] = await queues.lockQueues(transaction, [queueId], scopeOf(principal), "share");
    if (!queue) {
      throw queueNotFound();
    }
    return queue;
  }

  /** The agent of /agents/:agentId routes: an agent (or, for an admin, a supervisor), locked while it changes. */
  private async lockAgent(transaction: Executor, agentId: string, principal: Principal): Promise<CandidateMember> {
    const [agent] = await lockCandidateMembers(transaction, [agentId]);
    if (!agent || !memberRolesFor(principal).includes(agent.role)) {
      throw agentNotFound();
    }
    return agent;
  }

  private async recordMembers(transaction: Tx, actor: Actor, queue: queues.QueueRow, members: readonly CandidateMember[], action: "queue.member_added" | "queue.member_removed"): Promise<void> {
    if (members.length === 0) {
      return;
    }
    const added = action === "queue.member_added";
    const list = members.map(({ id, username }) => ({ id, username }));
    await this.audit.record(transaction, actor, {
      action,
      entityType: "queue",
      entityId: queue.id,
      summary: added ? `Added ${namesOf(members)} to queue ${queue.name}` : `Removed ${namesOf(members)} from queue ${queue.name}`,
      ...(added ? { after: { members: list } } : { before: { members: list } }),
    });
  }

  private async afterMembersChanged(queue: queues.QueueRow, userIds: string[], action: "added" | "removed"): Promise<Queue> {
    const current = await this.get(queue.id, undefined);
    if (userIds.length > 0) {
      this.publish("queue.updated", current);
      await this.memberships.publishChanges(userIds, { kind: "queue", action, groups: [{ id: queue.id, name: queue.name }] });
    }
    return current;
  }

  private publish(name: "queue.created" | "queue.updated", queue: Queue): Queue {
    this.events.publish(name, { queue }, { rooms: [adminRoom(), queueRoom(queue.id)] });
    return queue;
  }
}
