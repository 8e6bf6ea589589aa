import { randomInt } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll } from "vitest";
import type { CreatedEntryPoint } from "../../../common/api/entry-points.ts";
import type { Interaction, InteractionMessage } from "../../../common/api/interactions.ts";
import { toE164 } from "../../../common/domain/phone.ts";
import { createQueue, uniqueName } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { inboundSmsParams, postSignedForm, startFakeTwilio, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_PUBLIC_URL, twilioSid, type FakeTwilio } from "../../test/fake-twilio.ts";
import { setPresence } from "../../test/routing-factories.ts";
import type { TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { INBOUND_SMS_PATH } from "./twilio-settings.ts";

export const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

/** A valid US number nobody else in the run uses (libphonenumber-js accepts it). */
export function testPhone(): string {
  for (;;) {
    const candidate = `+1415${randomInt(200, 1000)}${String(randomInt(0, 10_000)).padStart(4, "0")}`;
    if (toE164(candidate) === candidate && !usedPhones.has(candidate)) {
      usedPhones.add(candidate);
      return candidate;
    }
  }
}
const usedPhones = new Set<string>();

export interface TextingTestServer {
  testServer: TestServer;
  fake: FakeTwilio;
  admin: TestClient;
  close(): Promise<void>;
}

export interface TextingFixture extends Omit<TextingTestServer, "close"> {
  /** Sockets the tests open: disconnected before the server closes. */
  readonly sockets: TestSocket[];
}

/**
 * One texting server for a test file: started before its tests, closed after them with the sockets they opened.
 * Its parts are read when a test runs.
 */
export function useTextingServer(): TextingFixture {
  let texting: TextingTestServer | undefined;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    texting = await startTextingServer();
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await texting?.close();
  });
  const started = (): TextingTestServer => {
    if (!texting) {
      throw new Error("the texting server starts before the tests (beforeAll)");
    }
    return texting;
  };
  return {
    sockets,
    get testServer() {
      return started().testServer;
    },
    get fake() {
      return started().fake;
    },
    get admin() {
      return started().admin;
    },
  };
}

/** A test server set up for Twilio (account, token, the fake's address, a public URL), its job worker stopped. */
export async function startTextingServer(): Promise<TextingTestServer> {
  const fake = await startFakeTwilio();
  const testServer = await startTestServer({
    config: { twilioAccountSid: TEST_ACCOUNT_SID, twilioAuthToken: TEST_AUTH_TOKEN, twilioApiBase: fake.url, publicUrl: TEST_PUBLIC_URL, routingTickMilliseconds: 60_000 },
  });
  // The tests run the send jobs themselves (runDue), one attempt at a time.
  await testServer.server.services.jobs.stop();
  const admin = (await testServer.signedIn("admin")).client;
  return {
    testServer,
    fake,
    admin,
    close: async () => {
      await testServer.close();
      await fake.close();
    },
  };
}

export interface SmsLine {
  entryPointId: string;
  queueId: string;
  /** The number customers text (or the Messaging Service SID of a pool). */
  address: string;
}

/** An SMS entry point on a ring-all texting queue of 14 days with these members. */
export async function createSmsLine(admin: TestClient, memberIds: readonly string[], address: string = testPhone()): Promise<SmsLine> {
  const queue = await createQueue(admin, { channel: "sms", strategy: "ring-all", timeoutSeconds: FOURTEEN_DAYS });
  if (memberIds.length > 0) {
    const added = await admin.post(`/api/v1/queues/${queue.id}/members`, { userIds: memberIds });
    if (added.status !== 200) {
      throw new Error(`adding members failed: ${added.status} ${JSON.stringify(added.body)}`);
    }
  }
  const created = await admin.post<CreatedEntryPoint>("/api/v1/entry-points", { name: uniqueName("Texting"), channel: "sms", address, queueIds: [queue.id] });
  if (created.status !== 201) {
    throw new Error(`creating the SMS entry point failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return { entryPointId: created.body.entryPoint.id, queueId: queue.id, address };
}

/** A signed-in agent whose desktop is connected and ready (product.md, Presence). */
export async function readyAgent(testServer: TestServer): Promise<{ id: string; client: TestClient }> {
  const { client, created } = await testServer.signedIn("agent");
  await setPresence(testServer.database.db, created.user.id, { status: "ready", connected: true });
  return { id: created.user.id, client };
}

export interface TextMessage {
  from: string;
  to: string;
  body: string;
  messageSid?: string;
  messagingServiceSid?: string;
  media?: { url: string; contentType: string }[];
}

/** Twilio delivers a customer's text to our webhook, signed; answers the response and the MessageSid. */
export async function text(testServer: TestServer, message: TextMessage): Promise<{ response: Response; messageSid: string }> {
  const messageSid = message.messageSid ?? twilioSid("SM");
  const response = await postSignedForm(testServer.url, `${TEST_PUBLIC_URL}${INBOUND_SMS_PATH}`, inboundSmsParams({ ...message, messageSid }));
  await testServer.server.services.routing.idle();
  return { response, messageSid };
}

/** The conversation the customer's number has on that entry point, newest first. */
export async function conversationOf(testServer: TestServer, entryPointId: string, phone: string): Promise<{ id: string; state: string; ownerId: string | null }> {
  return testServer.database.db
    .selectFrom("interactions")
    .select(["id", "state", "ownerId"])
    .where("entryPointId", "=", entryPointId)
    .where("customerAddress", "=", phone)
    .orderBy("openedAt", "desc")
    .executeTakeFirstOrThrow();
}

export async function pendingOfferAgents(testServer: TestServer, interactionId: string): Promise<string[]> {
  const rows = await testServer.database.db.selectFrom("offers").select("agentId").where("interactionId", "=", interactionId).where("state", "=", "pending").orderBy("agentId").execute();
  return rows.map((row) => row.agentId);
}

export async function accept(agent: { client: TestClient }, interactionId: string): Promise<Interaction> {
  const response = await agent.client.post<Interaction>(`/api/v1/interactions/${interactionId}/accept`);
  if (response.status !== 200) {
    throw new Error(`accept failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function reply(agent: { client: TestClient }, interactionId: string, body: string): Promise<InteractionMessage> {
  const response = await agent.client.post<InteractionMessage>(`/api/v1/interactions/${interactionId}/messages`, { body });
  if (response.status !== 201) {
    throw new Error(`reply failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function messageRow(testServer: TestServer, messageId: string) {
  return testServer.database.db.selectFrom("interactionMessages").selectAll().where("id", "=", messageId).executeTakeFirstOrThrow();
}

/** Every pending send job due now: the backoff waited out. */
export async function makeSendsDue(testServer: TestServer): Promise<void> {
  await sql`update jobs set due_at = now() where kind = 'sms.send' and finished_at is null and failed_at is null`.execute(testServer.database.db);
}

export async function countRows(testServer: TestServer): Promise<{ interactions: number; messages: number }> {
  const db = testServer.database.db;
  const [interactions, messages] = await Promise.all([
    db.selectFrom("interactions").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    db.selectFrom("interactionMessages").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return { interactions: Number(interactions.count), messages: Number(messages.count) };
}
