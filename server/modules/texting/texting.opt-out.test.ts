import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Interaction } from "../../../common/api/interactions.ts";
import { HELP_KEYWORDS, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS } from "../../../common/domain/texting.ts";
import { twilioSid, UNSUBSCRIBED } from "../../test/fake-twilio.ts";
import { accept, conversationOf, countRows, createSmsLine, readyAgent, reply, testPhone, text, useTextingServer } from "./texting.test-support.ts";

const texting = useTextingServer();

const server = () => texting.testServer;
const db = () => texting.testServer.database.db;

async function ownedConversation() {
  const agent = await readyAgent(server());
  const line = await createSmsLine(texting.admin, [agent.id]);
  const customer = testPhone();
  await text(server(), { from: customer, to: line.address, body: "Hello" });
  const conversation = await conversationOf(server(), line.entryPointId, customer);
  await accept(agent, conversation.id);
  return { agent, line, customer, conversationId: conversation.id };
}

const optOutOf = (phone: string) => db().selectFrom("smsOptOuts").selectAll().where("phone", "=", phone).executeTakeFirst();
const interactionOf = async (agent: Awaited<ReturnType<typeof readyAgent>>, interactionId: string) => (await agent.client.get<Interaction>(`/api/v1/interactions/${interactionId}`)).body;

describe("opt-out keywords (issue 5, item 3)", () => {
  it.each(OPT_OUT_KEYWORDS)("%s opts the customer out: the conversation shows it and a reply is refused before anything is stored or sent", async (keyword) => {
    const { agent, customer, conversationId } = await ownedConversation();
    await text(server(), { from: customer, to: (await db().selectFrom("interactions").innerJoin("entryPoints", "entryPoints.id", "interactions.entryPointId").select("entryPoints.address").where("interactions.id", "=", conversationId).executeTakeFirstOrThrow()).address, body: keyword.toLowerCase() });
    expect(await optOutOf(customer)).toMatchObject({ optedOut: true, keyword });
    expect((await interactionOf(agent, conversationId)).customerOptedOut).toBe(true);

    const sentBefore = texting.fake.sent.length;
    const before = await countRows(server());
    const refused = await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversationId}/messages`, { body: "Please come back" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "customer_opted_out", message: expect.stringMatching(/opted out/) });
    await server().server.services.jobs.runDue();
    expect(await countRows(server())).toEqual(before);
    expect(texting.fake.sent.length).toBe(sentBefore);
  });

  it.each(OPT_IN_KEYWORDS)("%s opts the customer back in", async (keyword) => {
    const { agent, line, customer, conversationId } = await ownedConversation();
    await text(server(), { from: customer, to: line.address, body: "STOP" });
    expect((await interactionOf(agent, conversationId)).customerOptedOut).toBe(true);
    await text(server(), { from: customer, to: line.address, body: keyword });
    expect(await optOutOf(customer)).toMatchObject({ optedOut: false, keyword });
    expect((await interactionOf(agent, conversationId)).customerOptedOut).toBe(false);
    expect((await reply(agent, conversationId, "Welcome back")).delivery).toBe("pending");
  });

  it.each(HELP_KEYWORDS)("records %s as a keyword and as a message of the conversation, changing nothing else", async (keyword) => {
    const { line, customer, conversationId } = await ownedConversation();
    const { messageSid } = await text(server(), { from: customer, to: line.address, body: keyword });
    expect(await db().selectFrom("smsKeywordEvents").select(["phone", "keyword", "action"]).where("messageSid", "=", messageSid).executeTakeFirst()).toEqual({ phone: customer, keyword, action: "help" });
    expect(await optOutOf(customer)).toBeUndefined();
    const bodies = await db().selectFrom("interactionMessages").select("body").where("interactionId", "=", conversationId).orderBy("createdAt").execute();
    expect(bodies.map((row) => row.body)).toEqual(["Hello", keyword]);
  });

  it("holds across all of our numbers: a STOP to one line refuses replies on another line's conversation", async () => {
    const { agent, customer, conversationId } = await ownedConversation();
    const otherLine = await createSmsLine(texting.admin, [agent.id]);
    await text(server(), { from: customer, to: otherLine.address, body: "STOP" });
    expect((await interactionOf(agent, conversationId)).customerOptedOut).toBe(true);
    expect((await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversationId}/messages`, { body: "Hello?" })).body.error.code).toBe("customer_opted_out");
    // A STOP with no open conversation on that line starts none (nobody needs alerting).
    expect(await db().selectFrom("interactions").select("id").where("entryPointId", "=", otherLine.entryPointId).execute()).toEqual([]);
  });

  it("starts a new conversation of an opted-out number with replies refused", async () => {
    const agent = await readyAgent(server());
    const line = await createSmsLine(texting.admin, [agent.id]);
    const customer = testPhone();
    await text(server(), { from: customer, to: line.address, body: "STOP" });
    await text(server(), { from: customer, to: line.address, body: "Actually, one question" });
    const conversation = await conversationOf(server(), line.entryPointId, customer);
    expect((await accept(agent, conversation.id)).customerOptedOut).toBe(true);
  });

  it("applies each keyword message once: Twilio retrying an old STOP after a START changes nothing", async () => {
    const { line, customer } = await ownedConversation();
    const stop = await text(server(), { from: customer, to: line.address, body: "STOP" });
    await text(server(), { from: customer, to: line.address, body: "START" });
    await text(server(), { from: customer, to: line.address, body: "STOP", messageSid: stop.messageSid });
    expect(await optOutOf(customer)).toMatchObject({ optedOut: false, keyword: "START" });
  });

  it("opts the customer out when Twilio refuses a send with 21610", async () => {
    const { agent, customer, conversationId } = await ownedConversation();
    // Earlier tests' replies go first, so the refusal meets this one.
    await server().server.services.jobs.runDue();
    texting.fake.answerWith(UNSUBSCRIBED);
    const sent = await reply(agent, conversationId, "Hello?");
    await server().server.services.jobs.runDue();
    expect(await db().selectFrom("interactionMessages").select(["delivery", "deliveryErrorCode"]).where("id", "=", sent.id).executeTakeFirstOrThrow()).toEqual({ delivery: "failed", deliveryErrorCode: 21610 });
    expect(await optOutOf(customer)).toMatchObject({ optedOut: true, keyword: "21610" });
    expect((await interactionOf(agent, conversationId)).customerOptedOut).toBe(true);
    expect((await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversationId}/messages`, { body: "Again" })).status).toBe(409);
  });

  it("applies a keyword Twilio delivers several times at once once", async () => {
    const { line, customer } = await ownedConversation();
    const sid = twilioSid("SM");
    await Promise.all(Array.from({ length: 3 }, () => text(server(), { from: customer, to: line.address, body: "STOP", messageSid: sid })));
    expect(await db().selectFrom("smsKeywordEvents").select("messageSid").where("phone", "=", customer).execute()).toHaveLength(1);
  });
});
