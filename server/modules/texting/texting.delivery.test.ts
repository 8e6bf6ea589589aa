import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import { INVALID_TO, postSignedForm, SERVER_ERROR, TOO_MANY_REQUESTS, twilioSid } from "../../test/fake-twilio.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";
import {
  accept,
  conversationOf,
  createSmsLine,
  makeSendsDue,
  messageRow,
  readyAgent,
  reply,
  testPhone,
  text,
  useTextingServer,
} from "./texting.test-support.ts";

const texting = useTextingServer();
const sockets = texting.sockets;

const server = () => texting.testServer;
const db = () => texting.testServer.database.db;
const runSends = () => texting.testServer.server.services.jobs.runDue();

/** The next push of this message in that delivery state (earlier pushes of it are passed over). */
function deliveryPushed(socket: TestSocket, messageId: string, delivery: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (payload: { message: { id: string; delivery: string } }) => {
      if (payload.message.id === messageId && payload.message.delivery === delivery) {
        socket.off("interaction.message_added", listener);
        resolve();
      }
    };
    socket.on("interaction.message_added", listener);
  });
}

/** A customer texted a line and one ready agent accepted: the owner, the line and the conversation. */
async function ownedConversation(lineAddress?: string) {
  // Earlier tests' replies leave first: each test's answers from the fake meet its own reply.
  await runSends();
  const agent = await readyAgent(server());
  const line = await createSmsLine(texting.admin, [agent.id], lineAddress);
  const customer = testPhone();
  await text(server(), { from: customer, to: line.address, body: "Can you help?" });
  const conversation = await conversationOf(server(), line.entryPointId, customer);
  await accept(agent, conversation.id);
  return { agent, line, customer, conversationId: conversation.id };
}

describe("an agent's SMS reply", () => {
  it("is sent through Twilio's Messages API from the line's number with a status callback, then moves through sent and delivered, live", async () => {
    const { agent, line, customer, conversationId } = await ownedConversation();
    const socket = await connectSocket(server().url, { cookie: agent.client.cookie });
    sockets.push(socket);

    const sent = await reply(agent, conversationId, "Yes: your order is ready.");
    expect(sent.delivery).toBe("pending");
    const created = texting.fake.nextMessage();
    expect(await runSends()).toBeGreaterThanOrEqual(1);
    const message = await created;
    expect(message.params).toEqual({
      To: customer,
      From: line.address,
      Body: "Yes: your order is ready.",
      StatusCallback: `https://switchboard.example.com/webhooks/twilio/sms/status?messageId=${sent.id}`,
    });
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "queued", externalId: message.sid });

    const sentPushed = deliveryPushed(socket, sent.id, "sent");
    expect((await texting.fake.sendStatus(server().url, message, "sent")).status).toBe(204);
    await sentPushed;
    const deliveredPushed = deliveryPushed(socket, sent.id, "delivered");
    expect((await texting.fake.sendStatus(server().url, message, "delivered")).status).toBe(204);
    await deliveredPushed;
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "delivered", deliveryError: null });

    // Twilio does not promise the order of callbacks: a late "sent" leaves it delivered.
    expect((await texting.fake.sendStatus(server().url, message, "sent")).status).toBe(204);
    expect((await messageRow(server(), sent.id)).delivery).toBe("delivered");
  });

  it("takes a status callback that beats the send's answer, found by the message id of its URL", async () => {
    const { agent, conversationId } = await ownedConversation();
    const sent = await reply(agent, conversationId, "Quick one");
    const early = { sid: twilioSid("SM"), params: { To: "+14155550100", From: "+14155550101", StatusCallback: `https://switchboard.example.com/webhooks/twilio/sms/status?messageId=${sent.id}` } };
    expect((await texting.fake.sendStatus(server().url, early, "sent")).status).toBe(204);
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "sent", externalId: early.sid });
  });

  it("shows an undelivered message with Twilio's error code from the status callback", async () => {
    const { agent, conversationId } = await ownedConversation();
    const sent = await reply(agent, conversationId, "Are you there?");
    const created = texting.fake.nextMessage();
    await runSends();
    await texting.fake.sendStatus(server().url, await created, "undelivered", 30003);
    const messages = await agent.client.get<{ items: { id: string; delivery: string; deliveryError: unknown }[] }>(`/api/v1/interactions/${conversationId}/messages`);
    expect(messages.body.items.find((item) => item.id === sent.id)).toMatchObject({ delivery: "undelivered", deliveryError: { code: 30003, message: "The customer's phone is unreachable" } });
  });

  it("refuses a forged status callback with 403 and changes nothing", async () => {
    const { agent, conversationId } = await ownedConversation();
    const sent = await reply(agent, conversationId, "Original");
    const created = texting.fake.nextMessage();
    await runSends();
    const message = await created;
    const forged = await postSignedForm(
      server().url,
      message.params.StatusCallback ?? "",
      { MessageSid: message.sid, MessageStatus: "failed", ErrorCode: "30007" },
      "someone-elses-token",
    );
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as ErrorBody).error.code).toBe("invalid_twilio_signature");
    expect((await messageRow(server(), sent.id)).delivery).toBe("queued");
  });

  it("retries 429 and 5xx with backoff, showing the error meanwhile, and sends on a later attempt", async () => {
    const { agent, conversationId } = await ownedConversation();
    texting.fake.answerWith(TOO_MANY_REQUESTS, SERVER_ERROR);
    const sent = await reply(agent, conversationId, "Patience");
    await runSends();
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "pending", deliveryErrorCode: 20429 });
    const job = await db().selectFrom("jobs").selectAll().where("kind", "=", "sms.send").where("finishedAt", "is", null).where("failedAt", "is", null).executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    // Backoff: not due again yet, so a run now sends nothing.
    expect(job.dueAt.getTime()).toBeGreaterThan(Date.now());
    expect(await runSends()).toBe(0);

    await makeSendsDue(server());
    await runSends();
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "pending", deliveryErrorCode: 20500 });
    await makeSendsDue(server());
    const created = texting.fake.nextMessage();
    await runSends();
    expect((await created).params.Body).toBe("Patience");
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "queued" });
  });

  it("shows a final failure with Twilio's code after the last attempt", async () => {
    const { agent, conversationId } = await ownedConversation();
    texting.fake.answerWith(SERVER_ERROR, SERVER_ERROR);
    const sent = await reply(agent, conversationId, "Never arrives");
    await db().updateTable("jobs").set({ maxAttempts: 2 }).where("kind", "=", "sms.send").where("finishedAt", "is", null).where("failedAt", "is", null).execute();
    await runSends();
    await makeSendsDue(server());
    await runSends();
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "failed", deliveryErrorCode: 20500 });
  });

  it("fails at once, without retrying, when Twilio refuses the message (4xx), with its code", async () => {
    const { agent, conversationId } = await ownedConversation();
    texting.fake.answerWith(INVALID_TO);
    const sent = await reply(agent, conversationId, "To nowhere");
    await runSends();
    expect(await messageRow(server(), sent.id)).toMatchObject({ delivery: "failed", deliveryErrorCode: 21211, deliveryError: "The customer's number is not a valid phone number" });
    expect(await db().selectFrom("jobs").select("id").where("kind", "=", "sms.send").where("finishedAt", "is", null).where("failedAt", "is", null).execute()).toEqual([]);
  });

  it("sends from a Messaging Service pool when the conversation came in through one", async () => {
    const poolSid = twilioSid("MG");
    const { agent, conversationId } = await ownedConversation(poolSid);
    await reply(agent, conversationId, "From the pool");
    const created = texting.fake.nextMessage();
    await runSends();
    const message = await created;
    expect(message.params.MessagingServiceSid).toBe(poolSid);
    expect(message.params.From).toBeUndefined();
  });

  it("fills a template's placeholders with the contact's name and the agent's alias when the reply is sent", async () => {
    const { agent, customer, conversationId } = await ownedConversation();
    await db().updateTable("users").set({ alias: "Sam" }).where("id", "=", agent.id).execute();
    await db().updateTable("interactions").set({ customerName: "Grace Hopper" }).where("id", "=", conversationId).execute();
    const sent = await reply(agent, conversationId, "Hi {{contact.name}}, {{agent.alias}} here.");
    expect(sent.body).toBe("Hi Grace Hopper, Sam here.");
    const created = texting.fake.nextMessage();
    await runSends();
    expect((await created).params).toMatchObject({ To: customer, Body: "Hi Grace Hopper, Sam here." });
  });
});
