import { randomBytes } from "node:crypto";
import type { Agent, CreateAgentRequest } from "../../common/api/agents.ts";
import type { Channel } from "../../common/domain/channels.ts";
import type { Db } from "../db/database.ts";
import type { TestClient } from "./http-client.ts";

let sequence = 0;

/** A valid create-agent body with a unique username; overrides replace any field. */
export function newAgentRequest(overrides: Record<string, unknown> = {}): CreateAgentRequest {
  sequence += 1;
  return {
    fullName: `Agent ${sequence}`,
    username: `agent.${sequence}_${randomBytes(3).toString("hex")}`,
    password: "Agent-password-1",
    typology: "webrtc",
    ...overrides,
  };
}

/** Creates an agent through the API as `client` (an admin) and fails the test when it cannot. */
export async function createAgent(client: TestClient, overrides: Record<string, unknown> = {}): Promise<Agent> {
  const response = await client.post<Agent>("/api/v1/agents", newAgentRequest(overrides));
  if (response.status !== 201) {
    throw new Error(`create agent failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

// Queues and teams are inserted directly: their own API belongs to another module.
export async function insertQueue(db: Db, channel: Channel = "voice"): Promise<string> {
  sequence += 1;
  const queue = await db
    .insertInto("queues")
    .values({ name: `Queue ${sequence} ${randomBytes(3).toString("hex")}`, channel })
    .returning("id")
    .executeTakeFirstOrThrow();
  return queue.id;
}

export async function insertTeam(db: Db): Promise<string> {
  sequence += 1;
  const team = await db.insertInto("teams").values({ name: `Team ${sequence} ${randomBytes(3).toString("hex")}` }).returning("id").executeTakeFirstOrThrow();
  return team.id;
}

export async function addToQueue(db: Db, queueId: string, ...userIds: string[]): Promise<void> {
  await db.insertInto("queueMembers").values(userIds.map((userId) => ({ queueId, userId }))).execute();
}

export async function addToTeam(db: Db, teamId: string, ...userIds: string[]): Promise<void> {
  await db.insertInto("teamMembers").values(userIds.map((userId) => ({ teamId, userId }))).execute();
}
