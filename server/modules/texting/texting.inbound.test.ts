import { sql } from "kysely";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Inbox } from "../../../common/api/interactions.ts";
import { inboundSmsParams, postSignedForm, TEST_AUTH_TOKEN, TEST_PUBLIC_URL, twilioSid } from "../../test/fake-twilio.ts";
import { collectEvents, connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { makeTimersDue } from "../../test/routing-factories.ts";
import {
  accept,
  conversationOf,
  countRows,
  createSmsLine,
  pendingOfferAgents,
  readyAgent,
  testPhone,
  text,
  useTextingServer,
} from "./texting.test-support.ts";
import { INBOUND_SMS_PATH } from "./twilio-settings.ts";

const texting = useTextingServer();
const sockets = texting.sockets;

const server = () => texting.testServer;
const db = () => texting.testServer.database.db;
const inboundAddress = `${TEST_PUBLIC_URL}${INBOUND_SMS_PATH}`;

async function socketOf(agent: { client: { cookie: string | undefined } }): Promise<TestSocket> {
  const socket = await connectSocket(server().url, { cookie: agent.client.cookie });
  sockets.push(socket);
  return socket;
}

async function inboxOf(agent: { client: { get: <Body>(path: string) => Promise<{ body: Body }> } }): Promise<Inbox> {
  return (await agent.client.get<Inbox>("/api/v1/inbox")).body;
}

describe("Twilio's inbound SMS webhook", () => {
  it("stores a signed text, answers empty TwiML, and alerts every eligible agent of the texting queue with the number and a snippet", async () => {
    const [first, second] = [await readyAgent(server()), await readyAgent(server())];
    const line = await createSmsLine(texting.admin, [first.id, second.id]);
    const customer = testPhone();
    const firstSocket = await socketOf(first);
    const alerted = nextEvent(firstSocket, "offer.created");

    const { response, messageSid } = await text(server(), { from: customer, to: line.address, body: "Hi, is my order ready for pickup today?" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const conversation = await conversationOf(server(), line.entryPointId, customer);
    expect(conversation.state).toBe("offered");
    expect(await pendingOfferAgents(server(), conversation.id)).toEqual([first.id, second.id].sort());
    const stored = await db().selectFrom("interactionMessages").selectAll().where("interactionId", "=", conversation.id).execute();
    expect(stored).toMatchObject([{ direction: "inbound", body: "Hi, is my order ready for pickup today?", externalId: messageSid, delivery: "none" }]);

    // product.md, Two-way texting: an unknown number shows alone, with no status, and the message's first words.
    const { offer } = await alerted;
    expect(offer.interaction).toMatchObject({ channel: "sms", customerAddress: customer, customerName: null, contactStatus: null, snippet: "Hi, is my order ready for pickup today?" });
    // The ring-all alert lasts as long as the texting queue: 14 days.
    const interaction = await db().selectFrom("interactions").select(["queuedAt", "queueDeadlineAt"]).where("id", "=", conversation.id).executeTakeFirstOrThrow();
    expect((interaction.queueDeadlineAt?.getTime() ?? 0) - interaction.queuedAt.getTime()).toBe(14 * 24 * 3600 * 1000);
  });

  it("shows a known number's contact name and lead or customer status on the alert", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    const contact = await db().insertInto("contacts").values({ name: "Grace Hopper", phone: customer, status: "customer" }).returning("id").executeTakeFirstOrThrow();
    await text(server(), { from: customer, to: line.address, body: "Hello again" });
    const [offer] = (await inboxOf(agent)).offers;
    expect(offer?.interaction).toMatchObject({ customerName: "Grace Hopper", contactId: contact.id, contactStatus: "customer", customerAddress: customer });
  });

  it("answers 403 to a forged, unsigned, tampered or differently addressed webhook and stores nothing from it", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const params = inboundSmsParams({ from: testPhone(), to: line.address, body: "Forged" });
    const before = await countRows(server());
    const attempts: [string, Promise<Response>][] = [
      ["a wrong token", postSignedForm(server().url, inboundAddress, params, "not-the-auth-token")],
      ["no signature", fetch(new URL(INBOUND_SMS_PATH, server().url), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params).toString() })],
      ["a made-up signature", postSignedForm(server().url, inboundAddress, params, TEST_AUTH_TOKEN, "bm90LWEtc2lnbmF0dXJl")],
      ["another URL", postSignedForm(server().url, inboundAddress, params, TEST_AUTH_TOKEN, twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, "https://elsewhere.example.com/webhooks/twilio/sms", params))],
      ["a changed body", postSignedForm(server().url, inboundAddress, { ...params, Body: "Changed" }, TEST_AUTH_TOKEN, twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, inboundAddress, params))],
      ["an added parameter", postSignedForm(server().url, inboundAddress, { ...params, Extra: "1" }, TEST_AUTH_TOKEN, twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, inboundAddress, params))],
    ];
    for (const [what, attempt] of attempts) {
      const response = await attempt;
      expect(response.status, what).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code, what).toBe("invalid_twilio_signature");
    }
    const json = await fetch(new URL(INBOUND_SMS_PATH, server().url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) });
    expect(json.status).toBe(403);
    expect(await countRows(server())).toEqual(before);
  });

  it("stores a text Twilio delivers again (same MessageSid) once, whether the retries come one after another or at once", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    const messageSid = twilioSid("SM");
    const first = await text(server(), { from: customer, to: line.address, body: "Only once please", messageSid });
    const again = await text(server(), { from: customer, to: line.address, body: "Only once please", messageSid });
    expect([first.response.status, again.response.status]).toEqual([200, 200]);

    const concurrentSid = twilioSid("SM");
    const responses = await Promise.all(Array.from({ length: 5 }, () => text(server(), { from: customer, to: line.address, body: "At once", messageSid: concurrentSid })));
    expect(responses.map((result) => result.response.status)).toEqual([200, 200, 200, 200, 200]);

    const conversation = await conversationOf(server(), line.entryPointId, customer);
    const bodies = await db().selectFrom("interactionMessages").select(["body", "externalId"]).where("interactionId", "=", conversation.id).orderBy("createdAt").execute();
    expect(bodies).toEqual([
      { body: "Only once please", externalId: messageSid },
      { body: "At once", externalId: concurrentSid },
    ]);
    expect(await db().selectFrom("interactions").select("id").where("customerAddress", "=", customer).execute()).toHaveLength(1);
  });

  it("routes a text to a Messaging Service pool's entry point, whichever number of the pool it reached; a number of its own wins", async () => {
    const agent = await readyAgent(server());
    const poolSid = twilioSid("MG");
    const pool = await createSmsLine(texting.admin, [agent.id], poolSid);
    const ownNumber = await createSmsLine(texting.admin, [agent.id]);
    const [poolCustomer, ownCustomer] = [testPhone(), testPhone()];

    // Twilio signs over every parameter it sends, MessagingServiceSid included.
    const viaPool = await text(server(), { from: poolCustomer, to: testPhone(), body: "Via the pool", messagingServiceSid: poolSid });
    expect(viaPool.response.status).toBe(200);
    expect((await conversationOf(server(), pool.entryPointId, poolCustomer)).state).toBe("offered");

    const viaOwn = await text(server(), { from: ownCustomer, to: ownNumber.address, body: "To the number", messagingServiceSid: poolSid });
    expect(viaOwn.response.status).toBe(200);
    expect((await conversationOf(server(), ownNumber.entryPointId, ownCustomer)).state).toBe("offered");
  });

  it("answers 404 for a number no entry point has, and 400 naming the field for a signed but incomplete webhook, storing nothing", async () => {
    const before = await countRows(server());
    const unknown = await text(server(), { from: testPhone(), to: testPhone(), body: "Anyone?" });
    expect(unknown.response.status).toBe(404);
    expect(((await unknown.response.json()) as ErrorBody).error.code).toBe("sms_entry_point_not_found");

    const withoutSid = Object.fromEntries(Object.entries(inboundSmsParams({ from: testPhone(), to: testPhone(), body: "No sid" })).filter(([name]) => name !== "MessageSid"));
    const incomplete = await postSignedForm(server().url, inboundAddress, withoutSid);
    expect(incomplete.status).toBe(400);
    expect(((await incomplete.json()) as ErrorBody).error.message).toMatch(/^MessageSid: /);
    expect(await countRows(server())).toEqual(before);
  });

  it("keeps an MMS's pictures with the message", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    const media = [{ url: "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1", contentType: "image/jpeg" }];
    await text(server(), { from: customer, to: line.address, body: "Here is the receipt", messageSid: twilioSid("MM"), media });
    const conversation = await conversationOf(server(), line.entryPointId, customer);
    await accept(agent, conversation.id);
    const messages = await agent.client.get<{ items: { media: unknown }[] }>(`/api/v1/interactions/${conversation.id}/messages`);
    expect(messages.body.items[0]?.media).toEqual(media);
  });
});

describe("texting conversations (product.md, Two-way texting)", () => {
  it("takes the alert away from everyone else once one agent accepts; later messages alert only the owner", async () => {
    const [owner, other] = [await readyAgent(server()), await readyAgent(server())];
    const line = await createSmsLine(texting.admin, [owner.id, other.id]);
    const customer = testPhone();
    const otherSocket = await socketOf(other);
    const ownerSocket = await socketOf(owner);
    await text(server(), { from: customer, to: line.address, body: "First" });
    const conversation = await conversationOf(server(), line.entryPointId, customer);
    const withdrawn = nextEvent(otherSocket, "offer.withdrawn");

    await accept(owner, conversation.id);
    expect(await withdrawn).toMatchObject({ interactionId: conversation.id, reason: "accepted_elsewhere" });
    expect((await inboxOf(other)).offers).toEqual([]);

    const otherNews = [...collectEvents(otherSocket, "interaction.message_added"), ...collectEvents(otherSocket, "offer.created")];
    const ownerMessage = nextEvent(ownerSocket, "interaction.message_added");
    await text(server(), { from: customer, to: line.address, body: "Second" });
    expect((await ownerMessage).message).toMatchObject({ interactionId: conversation.id, body: "Second", direction: "inbound" });
    expect((await conversationOf(server(), line.entryPointId, customer)).id).toBe(conversation.id);
    expect(await pendingOfferAgents(server(), conversation.id)).toEqual([]);
    expect(otherNews).toEqual([]);
  });

  it("shows a waiting conversation's newest message on every alert", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    const socket = await socketOf(agent);
    await text(server(), { from: customer, to: line.address, body: "Hello" });
    const updated = nextEvent(socket, "interaction.updated");
    await text(server(), { from: customer, to: line.address, body: "Are you there?" });
    expect((await updated).interaction.snippet).toBe("Are you there?");
  });

  it("lets an agent accept only in ready or a custom status that takes work, never on a call; an owner replies on a call too", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    await text(server(), { from: customer, to: line.address, body: "Hi" });
    const conversation = await conversationOf(server(), line.entryPointId, customer);

    const breakStatus = await db().insertInto("customStatuses").values({ name: `Break ${customer}`, pausesRouting: true }).returning("id").executeTakeFirstOrThrow();
    await db().updateTable("agentPresence").set({ status: "custom", customStatusId: breakStatus.id }).where("userId", "=", agent.id).execute();
    const onBreak = await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversation.id}/accept`);
    expect(onBreak.status).toBe(409);
    expect(onBreak.body.error.code).toBe("agent_unavailable");

    await db().updateTable("agentPresence").set({ status: "on-call", customStatusId: null }).where("userId", "=", agent.id).execute();
    const onCall = await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversation.id}/accept`);
    expect(onCall.status).toBe(409);
    expect(onCall.body.error.code).toBe("on_call");

    const restroom = await db().insertInto("customStatuses").values({ name: `Restroom ${customer}`, pausesRouting: false }).returning("id").executeTakeFirstOrThrow();
    await db().updateTable("agentPresence").set({ status: "custom", customStatusId: restroom.id }).where("userId", "=", agent.id).execute();
    await accept(agent, conversation.id);

    await db().updateTable("agentPresence").set({ status: "on-call", customStatusId: null }).where("userId", "=", agent.id).execute();
    const onCallReply = await agent.client.post(`/api/v1/interactions/${conversation.id}/messages`, { body: "One moment, I am on the phone." });
    expect(onCallReply.status).toBe(201);
  });

  it("keeps messages' received times, not when they were viewed", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    await text(server(), { from: customer, to: line.address, body: "Sent a while ago" });
    const conversation = await conversationOf(server(), line.entryPointId, customer);
    await sql`update interaction_messages set created_at = now() - interval '3 hours' where interaction_id = ${conversation.id}`.execute(db());
    const received = await db().selectFrom("interactionMessages").select("createdAt").where("interactionId", "=", conversation.id).executeTakeFirstOrThrow();
    await accept(agent, conversation.id);
    const messages = await agent.client.get<{ items: { createdAt: string }[] }>(`/api/v1/interactions/${conversation.id}/messages`);
    expect(messages.body.items[0]?.createdAt).toBe(received.createdAt.toISOString());
  });

  it("archives a closed conversation and starts a new one, alerting the queue again, when the same number writes later", async () => {
    const [owner, other] = [await readyAgent(server()), await readyAgent(server())];
    const line = await createSmsLine(texting.admin, [owner.id, other.id]);
    const customer = testPhone();
    await text(server(), { from: customer, to: line.address, body: "First visit" });
    const first = await conversationOf(server(), line.entryPointId, customer);
    await accept(owner, first.id);
    expect((await owner.client.post(`/api/v1/interactions/${first.id}/close`)).status).toBe(200);

    await text(server(), { from: customer, to: line.address, body: "Back again" });
    const second = await conversationOf(server(), line.entryPointId, customer);
    expect(second.id).not.toBe(first.id);
    expect(second.state).toBe("offered");
    expect(await pendingOfferAgents(server(), second.id)).toEqual([owner.id, other.id].sort());
    expect((await db().selectFrom("interactions").select("state").where("id", "=", first.id).executeTakeFirstOrThrow()).state).toBe("closed");
  });

  it("ends the alert after the texting queue's 14 days", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    await text(server(), { from: customer, to: line.address, body: "Still there?" });
    const conversation = await conversationOf(server(), line.entryPointId, customer);
    await makeTimersDue(db(), conversation.id, "queue");
    await server().server.services.routing.runDueTimers();
    expect((await conversationOf(server(), line.entryPointId, customer)).state).toBe("timed_out");
    expect(await pendingOfferAgents(server(), conversation.id)).toEqual([]);
  });

  it("pages back through older messages, newest page first", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    for (let index = 1; index <= 5; index += 1) {
      await text(server(), { from: customer, to: line.address, body: `Message ${index}` });
    }
    const conversation = await conversationOf(server(), line.entryPointId, customer);
    await accept(agent, conversation.id);
    type Page = { items: { id: string; body: string }[]; hasMore: boolean };
    const latest = await agent.client.get<Page>(`/api/v1/interactions/${conversation.id}/messages?limit=2`);
    expect(latest.body.items.map((item) => item.body)).toEqual(["Message 4", "Message 5"]);
    expect(latest.body.hasMore).toBe(true);
    const older = await agent.client.get<Page>(`/api/v1/interactions/${conversation.id}/messages?limit=2&before=${latest.body.items[0]?.id ?? ""}`);
    expect(older.body.items.map((item) => item.body)).toEqual(["Message 2", "Message 3"]);
    const oldest = await agent.client.get<Page>(`/api/v1/interactions/${conversation.id}/messages?limit=2&before=${older.body.items[0]?.id ?? ""}`);
    expect(oldest.body).toMatchObject({ items: [{ body: "Message 1" }], hasMore: false });
    const invalid = await agent.client.get<ErrorBody>(`/api/v1/interactions/${conversation.id}/messages?limit=0`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^limit: /);
  });
});
