import type { GroupListQuery, GroupMember, MemberListQuery, UpdateMemberGroupRequest, CreateMemberGroupRequest } from "../../../common/api/groups.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { Db, Tx } from "../../db/database.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { Actor } from "../auth/principal.ts";
import type { MemberGroupRepository, MemberGroupRow, MemberGroupWithCount } from "./member-group.ts";
import { acceptCandidates, namesOf } from "./member-rules.ts";
import { lockCandidateMembers, type CandidateMember } from "./memberships.repository.ts";
import type { MembershipsService } from "./memberships.service.ts";
import { isUniqueViolation, toIso } from "./query-helpers.ts";

export interface MemberGroupKind<Group> {
  kind: "campaign" | "list";
  repository: MemberGroupRepository;
  present(row: MemberGroupWithCount): Group;
  publishSaved(events: EventBus, action: "created" | "updated", group: Group): void;
  publishDeleted(events: EventBus, groupId: string): void;
}

/** A campaign or a list: admins change it and its agents; supervisors read it (issue 3, item 2). */
export class MemberGroupService<Group> {
  private readonly notFound: () => NotFoundError;
  private readonly nameTaken: () => ConflictError;

  constructor(
    private readonly definition: MemberGroupKind<Group>,
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
  ) {
    const { kind } = definition;
    this.notFound = () => new NotFoundError(`${kind}_not_found`, `${capitalized(kind)} not found.`);
    this.nameTaken = () => new ConflictError(`${kind}_name_taken`, `name: already in use by another ${kind}`);
  }

  private get repository(): MemberGroupRepository {
    return this.definition.repository;
  }

  async list(query: GroupListQuery): Promise<Page<Group>> {
    const { rows, total } = await this.repository.list(this.db, query);
    return { items: rows.map((row) => this.definition.present(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(groupId: string): Promise<Group> {
    const row = await this.repository.find(this.db, groupId);
    if (!row) {
      throw this.notFound();
    }
    return this.definition.present(row);
  }

  async create(request: CreateMemberGroupRequest, actor: Actor): Promise<Group> {
    const { kind } = this.definition;
    const created = await this.db.transaction().execute(async (transaction) => {
      const row = await this.repository.insert(transaction, { name: request.name, description: request.description || null });
      if (!row) {
        throw this.nameTaken();
      }
      await this.audit.record(transaction, actor, { action: `${kind}.created`, entityType: kind, entityId: row.id, summary: `Created ${kind} ${row.name}`, after: fieldsOf(row) });
      return row;
    });
    return this.publishSaved("created", created.id);
  }

  async update(groupId: string, request: UpdateMemberGroupRequest, actor: Actor): Promise<Group> {
    const { kind } = this.definition;
    const changes = { ...request, ...(request.description !== undefined ? { description: request.description || null } : {}) };
    await this.db
      .transaction()
      .execute(async (transaction) => {
        const before = await this.repository.lock(transaction, groupId, "update");
        const after = before ? await this.repository.update(transaction, groupId, changes) : undefined;
        if (!before || !after) {
          throw this.notFound();
        }
        await this.audit.record(transaction, actor, { action: `${kind}.updated`, entityType: kind, entityId: groupId, summary: `Updated ${kind} ${after.name}`, before: fieldsOf(before), after: fieldsOf(after) });
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? this.nameTaken() : error;
      });
    return this.publishSaved("updated", groupId);
  }

  async delete(groupId: string, actor: Actor): Promise<void> {
    const { kind } = this.definition;
    const { group, memberIds } = await this.db.transaction().execute(async (transaction) => {
      const row = await this.repository.lock(transaction, groupId, "update");
      if (!row) {
        throw this.notFound();
      }
      const ids = await this.repository.memberIds(transaction, groupId);
      await this.repository.remove(transaction, groupId);
      await this.audit.record(transaction, actor, { action: `${kind}.deleted`, entityType: kind, entityId: groupId, summary: `Deleted ${kind} ${row.name}`, before: { ...fieldsOf(row), memberIds: ids } });
      return { group: row, memberIds: ids };
    });
    this.definition.publishDeleted(this.events, groupId);
    await this.memberships.publishChanges(memberIds, { kind, action: "removed", groups: [{ id: group.id, name: group.name }] });
  }

  async listMembers(groupId: string, query: MemberListQuery): Promise<Page<GroupMember>> {
    await this.get(groupId);
    const { rows, total } = await this.repository.listMembers(this.db, groupId, query);
    const items = rows.map((row) => ({ id: row.id as UserId, username: row.username, fullName: row.fullName, role: row.role, addedAt: toIso(row.addedAt) }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Only agents join campaigns and lists. */
  async addMembers(groupId: string, userIds: readonly string[], actor: Actor): Promise<Group> {
    const { kind } = this.definition;
    const { group, added } = await this.db.transaction().execute(async (transaction) => {
      const row = await this.lockGroup(transaction, groupId);
      const candidates = acceptCandidates(userIds, await lockCandidateMembers(transaction, userIds), ["agent"], `a ${kind}`);
      const addedIds = new Set(await this.repository.addMembers(transaction, groupId, candidates.map((candidate) => candidate.id)));
      const members = candidates.filter((candidate) => addedIds.has(candidate.id));
      await this.recordMembers(transaction, actor, row, members, "added");
      return { group: row, added: members.map((member) => member.id) };
    });
    return this.afterMembersChanged(group, added, "added");
  }

  async removeMembers(groupId: string, userIds: readonly string[], actor: Actor): Promise<Group> {
    const { group, removed } = await this.deleteMembers(groupId, userIds, actor);
    return this.afterMembersChanged(group, removed, "removed");
  }

  async removeMember(groupId: string, userId: string, actor: Actor): Promise<void> {
    const { group, removed } = await this.deleteMembers(groupId, [userId], actor);
    if (removed.length === 0) {
      throw new NotFoundError(`${this.definition.kind}_member_not_found`, `This user is not a member of the ${this.definition.kind}.`);
    }
    await this.afterMembersChanged(group, removed, "removed");
  }

  private async deleteMembers(groupId: string, userIds: readonly string[], actor: Actor): Promise<{ group: MemberGroupRow; removed: string[] }> {
    return this.db.transaction().execute(async (transaction) => {
      const row = await this.lockGroup(transaction, groupId);
      const removed = await this.repository.removeMembers(transaction, groupId, userIds);
      await this.recordMembers(transaction, actor, row, await lockCandidateMembers(transaction, removed), "removed");
      return { group: row, removed };
    });
  }

  private async lockGroup(transaction: Tx, groupId: string): Promise<MemberGroupRow> {
    const row = await this.repository.lock(transaction, groupId, "share");
    if (!row) {
      throw this.notFound();
    }
    return row;
  }

  private async recordMembers(transaction: Tx, actor: Actor, group: MemberGroupRow, members: readonly CandidateMember[], change: "added" | "removed"): Promise<void> {
    if (members.length === 0) {
      return;
    }
    const { kind } = this.definition;
    const list = members.map(({ id, username }) => ({ id, username }));
    await this.audit.record(transaction, actor, {
      action: `${kind}.member_${change}`,
      entityType: kind,
      entityId: group.id,
      summary: change === "added" ? `Added ${namesOf(members)} to ${kind} ${group.name}` : `Removed ${namesOf(members)} from ${kind} ${group.name}`,
      ...(change === "added" ? { after: { members: list } } : { before: { members: list } }),
    });
  }

  private async afterMembersChanged(group: MemberGroupRow, userIds: string[], action: "added" | "removed"): Promise<Group> {
    if (userIds.length === 0) {
      return this.get(group.id);
    }
    const current = await this.publishSaved("updated", group.id);
    await this.memberships.publishChanges(userIds, { kind: this.definition.kind, action, groups: [{ id: group.id, name: group.name }] });
    return current;
  }

  private async publishSaved(action: "created" | "updated", groupId: string): Promise<Group> {
    const group = await this.get(groupId);
    this.definition.publishSaved(this.events, action, group);
    return group;
  }
}

function fieldsOf(group: MemberGroupRow) {
  return { name: group.name, description: group.description };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
