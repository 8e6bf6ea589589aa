import type { Role } from "../../../common/domain/roles.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Executor } from "../../db/database.ts";

export interface CandidateMember {
  id: string;
  username: string;
  fullName: string;
  role: Role;
}

/**
 * The users about to join or leave a group, locked against a concurrent delete until the transaction ends
 * (CONVENTIONS.md rule 5): the membership rows then always point at a user that exists.
 */
export async function lockCandidateMembers(executor: Executor, userIds: readonly string[]): Promise<CandidateMember[]> {
  if (userIds.length === 0) {
    return [];
  }
  return executor
    .selectFrom("users")
    .select(["id", "username", "fullName", "role"])
    .where("id", "in", [...userIds])
    // Always in one order, so two transactions locking overlapping users never deadlock.
    .orderBy("id")
    .forShare()
    .execute();
}

export async function findCandidateMember(executor: Executor, userId: string): Promise<CandidateMember | undefined> {
  return executor.selectFrom("users").select(["id", "username", "fullName", "role"]).where("id", "=", userId).executeTakeFirst();
}

export interface MembershipRows {
  teams: { userId: string; id: string; name: string; role: "member" | "supervisor" }[];
  queues: { userId: string; id: string; name: string; channel: Channel }[];
  campaigns: { userId: string; id: string; name: string }[];
  lists: { userId: string; id: string; name: string }[];
}

/** Everything these users belong to, in four queries whatever their number. */
export async function findMemberships(executor: Executor, userIds: readonly string[]): Promise<MembershipRows> {
  const ids = [...userIds];
  if (ids.length === 0) {
    return { teams: [], queues: [], campaigns: [], lists: [] };
  }
  const [teams, queues, campaigns, lists] = await Promise.all([
    executor
      .selectFrom("teamMembers")
      .innerJoin("teams", "teams.id", "teamMembers.teamId")
      .select(["teamMembers.userId", "teams.id", "teams.name", "teamMembers.role"])
      .where("teamMembers.userId", "in", ids)
      .orderBy("teams.name")
      .execute(),
    executor
      .selectFrom("queueMembers")
      .innerJoin("queues", "queues.id", "queueMembers.queueId")
      .select(["queueMembers.userId", "queues.id", "queues.name", "queues.channel"])
      .where("queueMembers.userId", "in", ids)
      .orderBy("queues.channel")
      .orderBy("queues.name")
      .execute(),
    executor
      .selectFrom("campaignMembers")
      .innerJoin("campaigns", "campaigns.id", "campaignMembers.campaignId")
      .select(["campaignMembers.userId", "campaigns.id", "campaigns.name"])
      .where("campaignMembers.userId", "in", ids)
      .orderBy("campaigns.name")
      .execute(),
    executor
      .selectFrom("listMembers")
      .innerJoin("lists", "lists.id", "listMembers.listId")
      .select(["listMembers.userId", "lists.id", "lists.name"])
      .where("listMembers.userId", "in", ids)
      .orderBy("lists.name")
      .execute(),
  ]);
  return { teams, queues, campaigns, lists };
}

/** The teams and queues whose real-time rooms a user's sockets join. */
export async function findRoomGroupIds(executor: Executor, userId: string): Promise<{ teamIds: string[]; queueIds: string[] }> {
  const [teams, queues] = await Promise.all([
    executor.selectFrom("teamMembers").select("teamId").where("userId", "=", userId).execute(),
    executor.selectFrom("queueMembers").select("queueId").where("userId", "=", userId).execute(),
  ]);
  return { teamIds: teams.map((row) => row.teamId), queueIds: queues.map((row) => row.queueId) };
}
