import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { MomentNotification } from "../../../common/api/moments.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { TestClient } from "../../test/http-client.ts";
import { insertEntryPoint, insertQueue, setPresence } from "../../test/routing-factories.ts";
import type { TestServer } from "../../test/test-server.ts";

// Moments tests: agents made through the API (signed in, with licences and teams as an admin would set them) and
// live conversations made through the routing engine, as the open channel and the desktop make them.

export interface MomentsAgent {
  id: string;
  client: TestClient;
}

export async function momentsAgent(testServer: TestServer, options: { licence?: boolean; teamIds?: string[]; teamRole?: "member" | "supervisor" } = {}): Promise<MomentsAgent> {
  const { client, created } = await testServer.signedIn("agent");
  const db = testServer.database.db;
  await db.updateTable("users").set({ licenceMoments: options.licence ?? true }).where("id", "=", created.user.id).execute();
  for (const teamId of options.teamIds ?? []) {
    await db.insertInto("teamMembers").values({ teamId, userId: created.user.id, role: options.teamRole ?? "member" }).execute();
  }
  await setPresence(db, created.user.id, { status: "ready", connected: true });
  return { id: created.user.id, client };
}

export async function newTeam(testServer: TestServer): Promise<string> {
  const team = await testServer.database.db.insertInto("teams").values({ name: `Moments team ${randomUUID().slice(0, 8)}` }).returning("id").executeTakeFirstOrThrow();
  return team.id;
}

export interface Conversation {
  interactionId: string;
  entryPointId: string;
  conversationId: string;
  queueId: string;
}

/** A conversation on a queue of the channel, accepted by the agent; what the customer said first is `firstMessage`. */
export async function openConversation(testServer: TestServer, agentId: string, options: { channel?: Channel; firstMessage?: string; queueId?: string } = {}): Promise<Conversation> {
  const db = testServer.database.db;
  const channel = options.channel ?? "chat";
  const queueId = options.queueId ?? (await insertQueue(db, { channel, members: [agentId] }));
  const entryPointId = await insertEntryPoint(db, [queueId], channel);
  const conversationId = `conversation-${randomUUID()}`;
  const received = await testServer.server.services.routing.receiveMessage({ entryPointId, conversationId, customerAddress: "customer-1", customerName: "Casey Customer", body: options.firstMessage ?? "Hello there" });
  await testServer.server.services.routing.acceptAs(agentId, received.interaction.id, { requireOffer: false });
  await settle(testServer);
  return { interactionId: received.interaction.id, entryPointId, conversationId, queueId };
}

/** The customer writes on the conversation. */
export async function customerSays(testServer: TestServer, conversation: Conversation, body: string): Promise<void> {
  await testServer.server.services.routing.receiveMessage({ entryPointId: conversation.entryPointId, conversationId: conversation.conversationId, customerAddress: "customer-1", body });
  await settle(testServer);
}

/** Waits for the routing engine and the Moments listeners to finish what the last calls started. */
export async function settle(testServer: TestServer): Promise<void> {
  await testServer.server.services.routing.idle();
  await testServer.server.services.momentsWork.idle();
}

export async function createNotification(client: TestClient, body: Record<string, unknown>): Promise<MomentNotification> {
  const response = await client.post<MomentNotification>("/api/v1/moments/notifications", body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export async function firingsOf(testServer: TestServer, interactionId: string): Promise<{ notificationName: string; phrase: string; matchedText: string; agentId: string | null; source: string }[]> {
  return testServer.database.db
    .selectFrom("momentFirings")
    .select(["notificationName", "phrase", "matchedText", "agentId", "source"])
    .where("interactionId", "=", interactionId)
    .orderBy("firedAt")
    .execute();
}
