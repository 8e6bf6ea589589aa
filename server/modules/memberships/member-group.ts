import type { GroupListQuery, MemberListQuery } from "../../../common/api/groups.ts";
import type { Role } from "../../../common/domain/roles.ts";
import type { Executor } from "../../db/database.ts";

// Campaigns and lists are the same thing under two names: a named group of agents. One service and one
// set of routes serve both; each keeps its own table, repository and events.

export interface MemberGroupRow {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberGroupWithCount extends MemberGroupRow {
  memberCount: number;
}

export interface MemberRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  addedAt: Date;
}

export interface MemberGroupRepository {
  list(executor: Executor, query: GroupListQuery): Promise<{ rows: MemberGroupWithCount[]; total: number }>;
  find(executor: Executor, groupId: string): Promise<MemberGroupWithCount | undefined>;
  /** `share` keeps the group from being deleted while members change; `update` before changing or deleting it. */
  lock(executor: Executor, groupId: string, mode: "share" | "update"): Promise<MemberGroupRow | undefined>;
  /** Undefined when the name is taken, ignoring case. */
  insert(executor: Executor, fields: { name: string; description: string | null }): Promise<MemberGroupRow | undefined>;
  update(executor: Executor, groupId: string, changes: { name?: string; description?: string | null }): Promise<MemberGroupRow | undefined>;
  remove(executor: Executor, groupId: string): Promise<void>;
  listMembers(executor: Executor, groupId: string, query: MemberListQuery): Promise<{ rows: MemberRow[]; total: number }>;
  memberIds(executor: Executor, groupId: string): Promise<string[]>;
  /** Returns the ids actually added (those already members are left alone). */
  addMembers(executor: Executor, groupId: string, userIds: readonly string[]): Promise<string[]>;
  removeMembers(executor: Executor, groupId: string, userIds: readonly string[]): Promise<string[]>;
}
