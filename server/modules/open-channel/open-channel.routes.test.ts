import { sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedEntryPoint } from "../../../common/api/entry-points.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import { JobWorker } from "../../jobs/job-worker.ts";
import { createQueue, uniqueName } from "../../test/group-factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { insertAgent, type RoutingAgent } from "../../test/routing-factories.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { registerOpenChannelDelivery } from "./open-channel.listeners.ts";
import type { OpenChannelWebhookBody } from "./open-channel.service.ts";
import { verifyOpenChannelSignature } from "./open-channel.signature.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.test-support.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const RATE_LIMIT = 6;
let sequence = 0;

describe("open channel", () => {
  let testServer: TestServer;
  let admin: TestClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    testServer = await startTestServer({ config: { openChannelRateLimit: RATE_LIMIT } });
    // The tests drive delivery themselves with runDue(), one attempt at a time.
    await testServer.server.services.jobs.stop();
    admin = (await testServer.signedIn("admin")).client;
    expect((await admin.patch("/api/v1/settings/account", { enabledChannels: ["voice", "sms", "chat", "openchannel"] })).status).toBe(200);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await testServer.close();
  });

  const services = () => testServer.server.services;
  const db = () => testServer.database.db;

  /** An open-channel entry point whose queue has one ready agent, its inbound key, and a client holding the key. */
  async function openChannel(webhookUrl = receiver.url): Promise<{ entryPointId: string; key: string; secret: string; agent: RoutingAgent; partner: TestClient }> {
    const agent = await insertAgent(db());
    const queue = await createQueue(admin, { channel: "openchannel" });
    await admin.post(`/api/v1/queues/${queue.id}/members`, { userIds: [agent.id] });
    sequence += 1;
    const created = await admin.post<CreatedEntryPoint>("/api/v1/entry-points", { name: uniqueName("Partner"), channel: "openchannel", address: `partner-${Date.now().toString(36)}-${sequence}`, queueIds: [queue.id], webhookUrl });
    expect(created.status).toBe(201);
    const key = created.body.inboundKey ?? "";
    return { entryPointId: created.body.entryPoint.id, key, secret: created.body.entryPoint.webhookSecret ?? "", agent, partner: TestClient.withToken(testServer.url, key) };
  }

  const message = (conversationId: string, body = "Hello, where is my order?") => ({ conversationId, customer: { id: "customer-42", name: "Grace Hopper" }, body });

  async function post(partner: TestClient, entryPointId: string, body: unknown) {
    return partner.post<{ interactionId: string; messageId: string } & ErrorBody>(`/api/v1/open-channel/${entryPointId}/messages`, body);
  }

  /** The customer writes; the agent accepts and replies; answers the reply's message id. */
  async function conversationWithReply(channel: Awaited<ReturnType<typeof openChannel>>, reply: string): Promise<{ interactionId: string; replyId: string }> {
    const conversationId = `conversation-${(sequence += 1)}`;
    const received = await post(channel.partner, channel.entryPointId, message(conversationId));
    expect(received.status).toBe(202);
    await services().routing.acceptAs(channel.agent.id, received.body.interactionId, { requireOffer: false });
    const sent = await services().routing.reply(channel.agent.actor, received.body.interactionId, reply);
    expect(sent.delivery).toBe("pending");
    return { interactionId: received.body.interactionId, replyId: sent.id };
  }

  const deliveryOf = async (messageId: string) => (await db().selectFrom("interactionMessages").select("delivery").where("id", "=", messageId).executeTakeFirstOrThrow()).delivery;
  const deliveriesOf = (messageId: string) => receiver.deliveries.filter((delivery) => (JSON.parse(delivery.rawBody) as OpenChannelWebhookBody).message.id === messageId);
  const makeDeliveryDue = () => sql`update jobs set due_at = now() where kind = 'openchannel.deliver' and finished_at is null and failed_at is null`.execute(db());

  it("takes a customer's message with the inbound key and answers 202 once committed; the same conversation id continues it", async () => {
    const channel = await openChannel();
    const first = await post(channel.partner, channel.entryPointId, message("order-1001"));
    expect(first.status).toBe(202);
    const stored = await db().selectFrom("interactions").selectAll().where("id", "=", first.body.interactionId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ channel: "openchannel", entryPointId: channel.entryPointId, externalId: "order-1001", customerAddress: "customer-42", customerName: "Grace Hopper" });

    const second = await post(channel.partner, channel.entryPointId, message("order-1001", "Any news?"));
    expect(second.body.interactionId).toBe(first.body.interactionId);
    expect(second.body.messageId).not.toBe(first.body.messageId);
    const bodies = await db().selectFrom("interactionMessages").select("body").where("interactionId", "=", first.body.interactionId).orderBy("createdAt").execute();
    expect(bodies.map((row) => row.body)).toEqual(["Hello, where is my order?", "Any news?"]);
  });

  it("answers the same 401 for a wrong or missing key, an unknown entry point and another channel's entry point, before reading the body", async () => {
    const channel = await openChannel();
    const other = await openChannel();
    const smsQueue = await createQueue(admin, { channel: "sms" });
    const sms = await admin.post<CreatedEntryPoint>("/api/v1/entry-points", { name: uniqueName("SMS"), channel: "sms", address: `+1415555${String(1000 + (sequence += 1)).slice(-4)}`, queueIds: [smsQueue.id] });
    const attempts: [TestClient, string][] = [
      [TestClient.withToken(testServer.url, "wrong-key"), channel.entryPointId],
      [new TestClient(testServer.url), channel.entryPointId],
      [other.partner, channel.entryPointId],
      [channel.partner, UNKNOWN_ID],
      [channel.partner, "not-a-uuid"],
      [channel.partner, sms.body.entryPoint.id],
    ];
    for (const [client, entryPointId] of attempts) {
      for (const body of [message("c-1"), { nonsense: true }]) {
        const response = await post(client, entryPointId, body);
        expect(response.status, entryPointId).toBe(401);
        expect(response.body.error).toEqual({ code: "invalid_inbound_key", message: "Unknown entry point or wrong inbound key." });
      }
    }
    const closing = await TestClient.withToken(testServer.url, "wrong-key").post<ErrorBody>(`/api/v1/open-channel/${channel.entryPointId}/conversations/c-1/close`);
    expect(closing.status).toBe(401);

    const invalid = await post(channel.partner, channel.entryPointId, { conversationId: "c-1", customer: { id: "" }, body: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: "customer.id" }), expect.objectContaining({ field: "body" })]));
  });

  it("stops accepting the old key once an admin rotates it", async () => {
    const channel = await openChannel();
    const rotated = await admin.post<{ inboundKey: string }>(`/api/v1/entry-points/${channel.entryPointId}/inbound-key`);
    expect((await post(channel.partner, channel.entryPointId, message("c-rotate"))).status).toBe(401);
    expect((await post(TestClient.withToken(testServer.url, rotated.body.inboundKey), channel.entryPointId, message("c-rotate"))).status).toBe(202);
  });

  it("ends a conversation nobody accepted as abandoned when the customer leaves, with its queue report row", async () => {
    const channel = await openChannel();
    const received = await post(channel.partner, channel.entryPointId, message("leaving-soon"));
    const closed = await channel.partner.post(`/api/v1/open-channel/${channel.entryPointId}/conversations/leaving-soon/close`);
    expect(closed.status).toBe(204);
    const interaction = await db().selectFrom("interactions").select("state").where("id", "=", received.body.interactionId).executeTakeFirstOrThrow();
    expect(interaction.state).toBe("abandoned");
    const attempts = await db().selectFrom("queueAttempts").select(["reason", "agentId", "leftAt"]).where("interactionId", "=", received.body.interactionId).execute();
    expect(attempts).toEqual([{ reason: "abandoned", agentId: null, leftAt: expect.any(Date) }]);

    const again = await channel.partner.post<ErrorBody>(`/api/v1/open-channel/${channel.entryPointId}/conversations/leaving-soon/close`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("conversation_not_found");
  });

  it("limits each entry point's inbound requests per minute, leaving other entry points alone", async () => {
    const busy = await openChannel();
    const quiet = await openChannel();
    for (let index = 0; index < RATE_LIMIT; index += 1) {
      expect((await post(busy.partner, busy.entryPointId, message(`burst-${index}`))).status).toBe(202);
    }
    const limited = await post(busy.partner, busy.entryPointId, message("burst-over"));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect((await post(quiet.partner, quiet.entryPointId, message("calm"))).status).toBe(202);
  });

  it("delivers an agent's reply to the webhook, signed with the entry point's secret, and marks it delivered", async () => {
    const channel = await openChannel();
    receiver.answerWith(200);
    const { interactionId, replyId } = await conversationWithReply(channel, "It ships tomorrow.");
    expect(await services().jobs.runDue()).toBeGreaterThanOrEqual(1);

    const [delivery] = deliveriesOf(replyId);
    expect(delivery).toBeDefined();
    const timestamp = String(delivery?.headers["x-switchboard-timestamp"]);
    const signature = String(delivery?.headers["x-switchboard-signature"]);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyOpenChannelSignature(channel.secret, timestamp, delivery?.rawBody ?? "", signature)).toBe(true);
    expect(JSON.parse(delivery?.rawBody ?? "{}")).toEqual({
      type: "message",
      conversationId: expect.stringMatching(/^conversation-/),
      interactionId,
      message: { id: replyId, body: "It ships tomorrow.", createdAt: expect.any(String), agent: { name: expect.stringMatching(/^Routing Agent/) } },
    });
    expect(await deliveryOf(replyId)).toBe("delivered");
  });

  it("delivers without waiting for the worker's next poll once the reply is committed", async () => {
    const channel = await openChannel();
    receiver.answerWith(200);
    const conversationId = `conversation-${(sequence += 1)}`;
    const received = await post(channel.partner, channel.entryPointId, message(conversationId));
    await services().routing.acceptAs(channel.agent.id, received.body.interactionId, { requireOffer: false });
    const arrived = receiver.nextDelivery((delivery) => (JSON.parse(delivery.rawBody) as OpenChannelWebhookBody).conversationId === conversationId);
    // A worker polling once an hour: only the wake-up after the reply's commit can deliver it within the test.
    const worker = new JobWorker(db(), pino({ level: "silent" }), { pollMilliseconds: 3_600_000 });
    const unsubscribe = registerOpenChannelDelivery({ routing: services().routing, jobs: worker, events: services().events, openChannel: services().openChannel });
    worker.start();
    // Its first look for due jobs, at start, is over before the reply exists.
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      const sent = await services().routing.reply(channel.agent.actor, received.body.interactionId, "On its way.");
      const delivery = await arrived;
      expect((JSON.parse(delivery.rawBody) as OpenChannelWebhookBody).message.id).toBe(sent.id);
    } finally {
      unsubscribe();
      await worker.stop();
    }
  });

  it("retries a receiver that answered 500: the message arrives twice and the second delivery succeeds", async () => {
    const channel = await openChannel();
    receiver.answerWith(500, 200);
    const { replyId } = await conversationWithReply(channel, "Retry me.");
    await services().jobs.runDue();
    expect(deliveriesOf(replyId)).toHaveLength(1);
    expect(await deliveryOf(replyId)).toBe("pending");
    const job = await db().selectFrom("jobs").selectAll().where("kind", "=", "openchannel.deliver").where(sql<string>`payload ->> 'messageId'`, "=", replyId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 1, lastError: "webhook answered 500", finishedAt: null });
    // Backoff: not due again yet.
    expect(job.dueAt.getTime()).toBeGreaterThan(Date.now());
    await services().jobs.runDue();
    expect(deliveriesOf(replyId)).toHaveLength(1);

    await makeDeliveryDue();
    await services().jobs.runDue();
    const deliveries = deliveriesOf(replyId);
    expect(deliveries).toHaveLength(2);
    for (const delivery of deliveries) {
      expect(verifyOpenChannelSignature(channel.secret, String(delivery.headers["x-switchboard-timestamp"]), delivery.rawBody, String(delivery.headers["x-switchboard-signature"]))).toBe(true);
    }
    expect(await deliveryOf(replyId)).toBe("delivered");
  });

  it("marks the reply failed after the last attempt", async () => {
    const channel = await openChannel();
    receiver.answerWith(503);
    const { replyId } = await conversationWithReply(channel, "Nobody home.");
    await sql`update jobs set max_attempts = 2 where kind = 'openchannel.deliver' and payload ->> 'messageId' = ${replyId}`.execute(db());
    await services().jobs.runDue();
    expect(await deliveryOf(replyId)).toBe("pending");
    await makeDeliveryDue();
    await services().jobs.runDue();
    expect(deliveriesOf(replyId)).toHaveLength(2);
    expect(await deliveryOf(replyId)).toBe("failed");
  });

  it("fails at once, without posting, when the entry point was deleted before delivery", async () => {
    const channel = await openChannel();
    receiver.answerWith(200);
    const { replyId } = await conversationWithReply(channel, "Into the void.");
    expect((await admin.delete(`/api/v1/entry-points/${channel.entryPointId}`)).status).toBe(204);
    await services().jobs.runDue();
    expect(deliveriesOf(replyId)).toHaveLength(0);
    expect(await deliveryOf(replyId)).toBe("failed");
  });

  it("signs with the new secret once an admin rotates it", async () => {
    const channel = await openChannel();
    const rotated = await admin.post<{ webhookSecret: string }>(`/api/v1/entry-points/${channel.entryPointId}/webhook-secret`);
    receiver.answerWith(200);
    const { replyId } = await conversationWithReply(channel, "New secret.");
    await services().jobs.runDue();
    const [delivery] = deliveriesOf(replyId);
    const check = (secret: string) =>
      verifyOpenChannelSignature(secret, String(delivery?.headers["x-switchboard-timestamp"]), delivery?.rawBody ?? "", String(delivery?.headers["x-switchboard-signature"]));
    expect(check(rotated.body.webhookSecret)).toBe(true);
    expect(check(channel.secret)).toBe(false);
  });
});
