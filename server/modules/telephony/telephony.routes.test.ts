import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedApiToken } from "../../../common/api/auth.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { TelephonyEventResult } from "../../../common/api/telephony.ts";
import { TestClient } from "../../test/http-client.ts";
import { insertAgent, insertEntryPoint, insertQueue } from "../../test/routing-factories.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
let sequence = 0;
const newCallId = () => `call-${Date.now().toString(36)}-${(sequence += 1)}`;

describe("telephony events", () => {
  let testServer: TestServer;
  let pbx: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    // The phone system integrates with an API token of an admin.
    const { client } = await testServer.signedIn("admin");
    const token = await client.post<CreatedApiToken>("/api/v1/auth/tokens", { name: "PBX" });
    pbx = TestClient.withToken(testServer.url, token.body.secret);
  });
  afterAll(async () => {
    await testServer.close();
  });

  const db = () => testServer.database.db;
  const send = (event: Record<string, unknown>) => pbx.post<TelephonyEventResult & ErrorBody>("/api/v1/telephony/events", event);
  const statusOf = async (agentId: string) => (await testServer.server.services.presence.get(agentId)).status;
  const interaction = (interactionId: string | null) => db().selectFrom("interactions").selectAll().where("id", "=", interactionId ?? UNKNOWN_ID).executeTakeFirstOrThrow();
  const attemptsOf = (interactionId: string | null) =>
    db().selectFrom("queueAttempts").select(["queueId", "channel", "reason", "agentId"]).where("interactionId", "=", interactionId ?? UNKNOWN_ID).execute();

  async function voiceAgent() {
    return insertAgent(db(), { channels: { voice: { capacity: 1 } } });
  }

  it("sets the agent on-call when a call is answered and back to ready when it ends, occupying voice capacity meanwhile", async () => {
    const agent = await voiceAgent();
    const first = newCallId();
    const offered = await send({ type: "call.offered", callId: first, agentId: agent.id, from: "+14155550123" });
    expect(offered.status).toBe(200);
    expect(offered.body).toEqual({ callId: first, type: "call.offered", interactionId: expect.any(String), duplicate: false });
    expect(await interaction(offered.body.interactionId)).toMatchObject({ channel: "voice", externalId: first, customerAddress: "+14155550123", state: "offered" });

    const answered = await send({ type: "call.answered", callId: first, agentId: agent.id });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ interactionId: offered.body.interactionId, duplicate: false });
    expect(await statusOf(agent.id)).toBe("on-call");
    expect(await interaction(offered.body.interactionId)).toMatchObject({ state: "active", ownerId: agent.id });

    // Voice capacity 1: a second call cannot be answered by the same agent while the first goes on.
    const second = newCallId();
    expect((await send({ type: "call.offered", callId: second, agentId: agent.id, from: "+14155550124" })).status).toBe(200);
    const refused = await send({ type: "call.answered", callId: second, agentId: agent.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("agent_over_capacity");

    const ended = await send({ type: "call.ended", callId: first });
    expect(ended.status).toBe(200);
    expect(await statusOf(agent.id)).toBe("ready");
    expect(await interaction(offered.body.interactionId)).toMatchObject({ state: "closed" });

    // The refused answer was not recorded: the phone system's retry now goes through.
    const retried = await send({ type: "call.answered", callId: second, agentId: agent.id });
    expect(retried.status).toBe(200);
    expect(retried.body.duplicate).toBe(false);
    expect(await statusOf(agent.id)).toBe("on-call");
  });

  it("writes the queue report row of a call offered from a queue: accepted, by the agent who answered", async () => {
    const agent = await voiceAgent();
    const queueId = await insertQueue(db(), { channel: "voice", members: [agent.id] });
    const entryPointId = await insertEntryPoint(db(), [queueId], "voice");
    const callId = newCallId();
    const offered = await send({ type: "call.offered", callId, agentId: agent.id, from: "+14155550125", queueId, entryPointId });
    expect(await interaction(offered.body.interactionId)).toMatchObject({ queueId, entryPointId });
    expect(await attemptsOf(offered.body.interactionId)).toEqual([{ queueId, channel: "voice", reason: null, agentId: null }]);

    await send({ type: "call.answered", callId, agentId: agent.id });
    expect(await attemptsOf(offered.body.interactionId)).toEqual([{ queueId, channel: "voice", reason: "accepted", agentId: agent.id }]);
    await send({ type: "call.ended", callId });
    expect(await attemptsOf(offered.body.interactionId)).toHaveLength(1);
  });

  it("ends a call nobody answered as abandoned, leaving the agent's status alone", async () => {
    const agent = await voiceAgent();
    const queueId = await insertQueue(db(), { channel: "voice", members: [agent.id] });
    const callId = newCallId();
    const offered = await send({ type: "call.offered", callId, agentId: agent.id, from: "+14155550126", queueId });
    const ended = await send({ type: "call.ended", callId });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ interactionId: offered.body.interactionId, duplicate: false });
    expect(await interaction(offered.body.interactionId)).toMatchObject({ state: "abandoned", ownerId: null });
    expect(await attemptsOf(offered.body.interactionId)).toEqual([{ queueId, channel: "voice", reason: "abandoned", agentId: null }]);
    expect(await statusOf(agent.id)).toBe("ready");
  });

  it("answers a repeated event 200 without a second effect", async () => {
    const agent = await voiceAgent();
    const first = newCallId();
    const offered = await send({ type: "call.offered", callId: first, agentId: agent.id, from: "+14155550127" });
    const offeredAgain = await send({ type: "call.offered", callId: first, agentId: agent.id, from: "+14155550127" });
    expect(offeredAgain.status).toBe(200);
    expect(offeredAgain.body).toEqual({ callId: first, type: "call.offered", interactionId: offered.body.interactionId, duplicate: true });
    expect(await db().selectFrom("interactions").select("id").where("externalId", "=", first).execute()).toHaveLength(1);

    await send({ type: "call.answered", callId: first, agentId: agent.id });
    expect((await send({ type: "call.answered", callId: first, agentId: agent.id })).body.duplicate).toBe(true);
    await send({ type: "call.ended", callId: first });

    // The agent takes another call; the first call's end, sent again, must not take them off this one.
    const second = newCallId();
    await send({ type: "call.offered", callId: second, agentId: agent.id, from: "+14155550128" });
    await send({ type: "call.answered", callId: second, agentId: agent.id });
    expect(await statusOf(agent.id)).toBe("on-call");
    const endedAgain = await send({ type: "call.ended", callId: first });
    expect(endedAgain.status).toBe(200);
    expect(endedAgain.body).toMatchObject({ duplicate: true, interactionId: offered.body.interactionId });
    expect(await statusOf(agent.id)).toBe("on-call");
    expect(await interaction(offered.body.interactionId)).toMatchObject({ state: "closed" });
  });

  it("answers a 400 naming the field for every refused event", async () => {
    const agent = await voiceAgent();
    const chatQueue = await insertQueue(db(), { channel: "chat" });
    const chatEntryPoint = await insertEntryPoint(db(), [chatQueue], "chat");
    const supervisor = (await testServer.signedIn("supervisor")).created.user.id;
    const offered = { type: "call.offered", callId: newCallId(), agentId: agent.id, from: "+14155550129" };
    const cases: [Record<string, unknown>, string][] = [
      [{}, "type"],
      [{ type: "call.transferred", callId: "x" }, "type"],
      [{ type: "call.offered", agentId: agent.id, from: "+1" }, "callId"],
      [{ ...offered, callId: "  " }, "callId"],
      [{ ...offered, agentId: "nobody" }, "agentId"],
      [{ ...offered, from: "" }, "from"],
      [{ ...offered, queueId: "q" }, "queueId"],
      [{ type: "call.answered", callId: "x" }, "agentId"],
      [{ type: "call.ended" }, "callId"],
      [{ ...offered, agentId: UNKNOWN_ID }, "agentId"],
      [{ ...offered, agentId: supervisor }, "agentId"],
      [{ ...offered, queueId: UNKNOWN_ID }, "queueId"],
      [{ ...offered, queueId: chatQueue }, "queueId"],
      [{ ...offered, entryPointId: chatEntryPoint }, "entryPointId"],
    ];
    for (const [body, field] of cases) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message, JSON.stringify(body)).toMatch(new RegExp(`^${field}: `));
    }
    const unknownCall = await send({ type: "call.ended", callId: newCallId() });
    expect(unknownCall.status).toBe(404);
    expect(unknownCall.body.error.code).toBe("call_not_found");
  });

  it("is for admins only: a supervisor's API token is refused", async () => {
    const { client } = await testServer.signedIn("supervisor");
    const token = await client.post<CreatedApiToken>("/api/v1/auth/tokens", { name: "not a PBX" });
    const response = await TestClient.withToken(testServer.url, token.body.secret).post<ErrorBody>("/api/v1/telephony/events", { type: "call.ended", callId: "x" });
    expect(response.status).toBe(403);
    expect((await new TestClient(testServer.url).post("/api/v1/telephony/events", { type: "call.ended", callId: "x" })).status).toBe(401);
  });
});
