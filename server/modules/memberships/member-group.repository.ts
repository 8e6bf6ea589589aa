import { sql } from "kysely";
import type { Executor } from "../../db/database.ts";
import type { MemberGroupRepository } from "./member-group.ts";
import { containsPattern, countOf, memberPage, namedGroupPage } from "./query-helpers.ts";

/** Where a member group lives: its table, its members' table and the column naming the group there. */
export type MemberGroupTables =
  | { groupTable: "campaigns"; memberTable: "campaignMembers"; groupColumn: "campaignId" }
  | { groupTable: "lists"; memberTable: "listMembers"; groupColumn: "listId" };

/** One repository for every member group (campaigns, lists): the same queries over that group's tables. */
export function memberGroupRepository(tables: MemberGroupTables): MemberGroupRepository {
  const { groupTable, memberTable, groupColumn } = tables;

  function withCount(executor: Executor) {
    const { dynamic } = executor;
    return executor
      .selectFrom(dynamic.table(groupTable).as("groups"))
      .selectAll("groups")
      .select((eb) =>
        eb
          .selectFrom(dynamic.table(memberTable).as("members"))
          .select((inner) => inner.fn.countAll<number>().as("count"))
          .where(dynamic.ref(`members.${groupColumn}`), "=", eb.ref("groups.id"))
          .as("memberCount"),
      );
  }

  return {
    list: async (executor, query) => {
      const search = query.search ? containsPattern(query.search) : undefined;
      const { rows, total } = await namedGroupPage(
        "groups",
        query,
        withCount(executor).$if(search !== undefined, (builder) => builder.where("groups.name", "ilike", search ?? "")),
        executor
          .selectFrom(executor.dynamic.table(groupTable).as("groups"))
          .select((eb) => eb.fn.countAll<number>().as("total"))
          .$if(search !== undefined, (builder) => builder.where("groups.name", "ilike", search ?? "")),
      );
      return { rows: rows.map((row) => ({ ...row, memberCount: countOf(row.memberCount) })), total };
    },
    listMembers: async (executor, groupId, query) =>
      memberPage(
        executor
          .selectFrom(executor.dynamic.table(memberTable).as("members"))
          .innerJoin("users", "users.id", "members.userId")
          .where(executor.dynamic.ref(`members.${groupColumn}`), "=", groupId),
        query,
        (builder) => builder.select(["users.id", "users.username", "users.fullName", "users.role", "members.createdAt as addedAt"]),
      ),
    find: async (executor, groupId) => {
      const row = await withCount(executor).where("groups.id", "=", groupId).executeTakeFirst();
      return row ? { ...row, memberCount: countOf(row.memberCount) } : undefined;
    },
    lock: async (executor, groupId, mode) => {
      const query = executor.selectFrom(groupTable).selectAll().where("id", "=", groupId);
      return (mode === "share" ? query.forShare() : query.forUpdate()).executeTakeFirst();
    },
    insert: async (executor, fields) =>
      executor.insertInto(groupTable).values(fields).onConflict((conflict) => conflict.doNothing()).returningAll().executeTakeFirst(),
    update: async (executor, groupId, changes) =>
      executor.updateTable(groupTable).set({ ...changes, updatedAt: sql<Date>`now()` }).where("id", "=", groupId).returningAll().executeTakeFirst(),
    remove: async (executor, groupId) => {
      await executor.deleteFrom(groupTable).where("id", "=", groupId).execute();
    },
    memberIds: async (executor, groupId) => {
      const rows = await executor.selectFrom(memberTable).select("userId").where(groupColumn, "=", groupId).execute();
      return rows.map((row) => row.userId);
    },
    addMembers: async (executor, groupId, userIds) => {
      const rows = await executor
        .insertInto(memberTable)
        .values(userIds.map((userId) => ({ [groupColumn]: groupId, userId })))
        .onConflict((conflict) => conflict.doNothing())
        .returning("userId")
        .execute();
      return rows.map((row) => row.userId);
    },
    removeMembers: async (executor, groupId, userIds) => {
      const rows = await executor
        .deleteFrom(memberTable)
        .where(groupColumn, "=", groupId)
        .where("userId", "in", [...userIds])
        .returning("userId")
        .execute();
      return rows.map((row) => row.userId);
    },
  };
}
