import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { QueueStrategy } from "../../common/api/queues.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db } from "../db/database.ts";
import type { Actor } from "../modules/auth/principal.ts";

// Routing fixtures written straight to the tables: engine tests need many agents and queues fast (no password
// hashing), and the rows are exactly what the admin pages and the desktop write.

export interface RoutingAgent {
  id: string;
  actor: Actor;
}

let sequence = 0;

export async function insertAgent(
  db: Db,
  options: { ready?: boolean; connected?: boolean; channels?: Partial<Record<Channel, { capacity?: number | null; autoAnswerDelaySeconds?: number | null; paused?: boolean; enabled?: boolean }>> } = {},
): Promise<RoutingAgent> {
  sequence += 1;
  const username = `routing_agent_${sequence}_${randomUUID().slice(0, 8)}`;
  const user = await db
    .insertInto("users")
    .values({ username, fullName: `Routing Agent ${sequence}`, role: "agent", passwordHash: "not-a-hash", typologySettings: "{}", voiceSettings: "{}", permissions: "{}" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("agentPresence")
    .values({
      userId: user.id,
      status: options.ready === false ? "offline" : "ready",
      connectedUntil: options.connected === false ? null : sql<Date>`now() + interval '1 day'`,
      idleSince: sql<Date>`now() - make_interval(secs => ${1000 - sequence})`,
    })
    .execute();
  for (const [channel, setting] of Object.entries(options.channels ?? {})) {
    await setAgentChannel(db, user.id, channel as Channel, setting);
  }
  return {
    id: user.id,
    actor: {
      requestId: `test-${sequence}`,
      principal: { via: "token", tokenId: randomUUID(), user: { id: user.id, username, fullName: `Routing Agent ${sequence}`, role: "agent" } as never },
    },
  };
}

export async function setAgentChannel(
  db: Db,
  agentId: string,
  channel: Channel,
  setting: { capacity?: number | null; autoAnswerDelaySeconds?: number | null; paused?: boolean; enabled?: boolean },
): Promise<void> {
  const values = {
    capacity: setting.capacity ?? null,
    autoAnswerDelaySeconds: setting.autoAnswerDelaySeconds ?? null,
    paused: setting.paused ?? false,
    enabled: setting.enabled ?? true,
  };
  await db
    .insertInto("agentChannels")
    .values({ userId: agentId, channel, ...values })
    .onConflict((conflict) => conflict.columns(["userId", "channel"]).doUpdateSet(values))
    .execute();
}

export async function insertQueue(
  db: Db,
  options: { channel?: Channel; strategy?: QueueStrategy; timeoutSeconds?: number; offerTimeoutSeconds?: number; members?: readonly string[] } = {},
): Promise<string> {
  sequence += 1;
  const queue = await db
    .insertInto("queues")
    .values({
      name: `Routing queue ${sequence} ${randomUUID().slice(0, 8)}`,
      channel: options.channel ?? "chat",
      strategy: options.strategy ?? "ring-all",
      timeoutSeconds: options.timeoutSeconds ?? 300,
      offerTimeoutSeconds: options.offerTimeoutSeconds ?? 20,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.members?.length) {
    await db.insertInto("queueMembers").values(options.members.map((userId) => ({ queueId: queue.id, userId }))).execute();
  }
  return queue.id;
}

export async function insertEntryPoint(db: Db, queueIds: readonly string[], channel: Channel = "chat"): Promise<string> {
  sequence += 1;
  const entryPoint = await db
    .insertInto("entryPoints")
    .values({ name: `Entry ${sequence} ${randomUUID().slice(0, 8)}`, channel, address: `entry-${sequence}-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (queueIds.length) {
    await db
      .insertInto("entryPointQueues")
      .values(queueIds.map((queueId, position) => ({ entryPointId: entryPoint.id, queueId, position })))
      .execute();
  }
  return entryPoint.id;
}

/** Moves every routing timer of an interaction into the past, as if its time had come. */
export async function makeTimersDue(db: Db, interactionId: string, which: "offers" | "queue" | "auto-answer"): Promise<void> {
  if (which === "queue") {
    await db.updateTable("interactions").set({ queueDeadlineAt: sql<Date>`now() - interval '1 second'` }).where("id", "=", interactionId).execute();
  } else if (which === "offers") {
    await db.updateTable("offers").set({ expiresAt: sql<Date>`now() - interval '1 second'` }).where("interactionId", "=", interactionId).where("state", "=", "pending").where("expiresAt", "is not", null).execute();
  } else {
    await db.updateTable("offers").set({ autoAnswerAt: sql<Date>`now() - interval '1 second'` }).where("interactionId", "=", interactionId).where("state", "=", "pending").where("autoAnswerAt", "is not", null).execute();
  }
}
