import { randomBytes } from "node:crypto";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db } from "../db/database.ts";

/** A queue with these members (agents and the supervisors enabled on it), written straight to the database. */
export async function createQueueWithMembers(db: Db, memberIds: string[], channel: Channel = "chat"): Promise<string> {
  const queue = await db
    .insertInto("queues")
    .values({ name: `queue ${randomBytes(4).toString("hex")}`, channel })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (memberIds.length > 0) {
    await db
      .insertInto("queueMembers")
      .values(memberIds.map((userId) => ({ queueId: queue.id, userId })))
      .execute();
  }
  return queue.id;
}

/** A team with the user in it, in that role. */
export async function addToNewTeam(db: Db, userId: string, role: "member" | "supervisor"): Promise<string> {
  const team = await db
    .insertInto("teams")
    .values({ name: `team ${randomBytes(4).toString("hex")}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("teamMembers").values({ teamId: team.id, userId, role }).execute();
  return team.id;
}
