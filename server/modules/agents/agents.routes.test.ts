import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../../../common/api/agents.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import { createAgent, newAgentRequest } from "../../test/agent-factories.ts";
import { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("agents API: create, read, update, password, delete", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("creates an agent with a generated extension and the defaults of its typology, and reads it back", async () => {
    const request = newAgentRequest({ typology: "phonebar", alias: "Ada", email: "ada@example.com", description: "Night shift" });
    const created = await admin.post<Agent>("/api/v1/agents", request);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: request.username,
      fullName: request.fullName,
      alias: "Ada",
      email: "ada@example.com",
      description: "Night shift",
      typology: "phonebar",
      status: "active",
      loginInPause: false,
      toastPosition: "top-right",
      typologySettings: { remoteControlPort: 9888, sipExpires: 3600, sipSourcePort: 5160, sipDestinationPort: 5060 },
      voiceSettings: { context: "from-sip", host: "dynamic", allowedCodecs: ["ulaw", "alaw"] },
    });
    expect(created.body.extension).toMatch(/^[0-9]{2,10}$/);
    expect(created.body).not.toHaveProperty("passwordHash");
    const read = await admin.get<Agent>(`/api/v1/agents/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const signIn = await new TestClient(testServer.url).signIn(request.username, request.password);
    expect(signIn.status).toBe(200);
  });

  it("skips generated extensions already taken by hand", async () => {
    const first = await createAgent(admin);
    const next = String(Number(first.extension) + 1);
    await createAgent(admin, { extension: next });
    const third = await createAgent(admin);
    expect(third.extension).toBe(String(Number(first.extension) + 2));
  });

  it("refuses a username taken in another case and an extension in use, with 409", async () => {
    const existing = await createAgent(admin);
    const sameName = await admin.post<ErrorBody>("/api/v1/agents", newAgentRequest({ username: existing.username.toUpperCase() }));
    expect(sameName.status).toBe(409);
    expect(sameName.body.error).toEqual({ code: "username_taken", message: "username: already in use" });
    const sameExtension = await admin.post<ErrorBody>("/api/v1/agents", newAgentRequest({ extension: existing.extension }));
    expect(sameExtension.status).toBe(409);
    expect(sameExtension.body.error.code).toBe("extension_taken");
    const other = await createAgent(admin);
    const renumbered = await admin.patch<ErrorBody>(`/api/v1/agents/${other.id}`, { extension: existing.extension });
    expect(renumbered.status).toBe(409);
    expect(renumbered.body.error).toEqual({ code: "extension_taken", message: "extension: already in use" });
    const renamed = await admin.patch<ErrorBody>(`/api/v1/agents/${other.id}`, { username: existing.username });
    expect(renamed.body.error.code).toBe("username_taken");
  });

  it.each([
    ["username", { username: "ada lovelace" }, 'username: only letters, digits, "." and "_"'],
    ["fullName", { fullName: "  " }, "fullName: required"],
    ["email", { email: "ada@" }, "email: an e-mail address like ada@example.com"],
    ["extension", { extension: "7" }, "extension: 2 to 10 digits"],
    ["toastPosition", { toastPosition: "middle" }, "toastPosition: one of top-left, top-center, top-right, bottom-left, bottom-center, bottom-right"],
    ["typology", { typology: "desk" }, "typology: one of webrtc, phonebar, external, mobile"],
    ["password", { password: "" }, "password: required"],
    ["voiceSettings.allowedCodecs", { typology: "webrtc", voiceSettings: { allowedCodecs: ["opus", "g729"] } }, "voiceSettings.allowedCodecs: g729 is not supported by webrtc agents"],
    ["voiceSettings.nat", { voiceSettings: { nat: "sometimes" } }, "voiceSettings.nat: one of yes, no, force_rport, comedia, never, route"],
    ["voiceSettings.transports", { voiceSettings: { transports: ["udp", "udp"] } }, "voiceSettings.transports: each transport once"],
    [
      "typologySettings.automaticScreenRecording",
      { typology: "phonebar", typologySettings: { screenRecordingByAgent: true, automaticScreenRecording: true } },
      "typologySettings.automaticScreenRecording: cannot be on together with screenRecordingByAgent (they are mutually exclusive)",
    ],
    ["typologySettings.wssPort", { typology: "webrtc", typologySettings: { wssPort: 0 } }, "typologySettings.wssPort: a port number from 1 to 65535"],
  ])("refuses a bad %s on create with a 400 naming it", async (field, overrides, message) => {
    const response = await admin.post<ErrorBody>("/api/v1/agents", newAgentRequest(overrides));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.details).toContainEqual({ field, message });
  });

  it("checks the password against the policy while the security suite is on", async () => {
    await admin.patch("/api/v1/settings/security", { suiteEnabled: true });
    try {
      const weak = await admin.post<ErrorBody>("/api/v1/agents", newAgentRequest({ password: "password" }));
      expect(weak.status).toBe(400);
      expect(weak.body.error.details).toContainEqual({ field: "password", message: "password: needs an upper-case letter" });
      const agent = await createAgent(admin);
      const weakReset = await admin.request<ErrorBody>("PUT", `/api/v1/agents/${agent.id}/password`, { password: "short" });
      expect(weakReset.status).toBe(400);
      expect(weakReset.body.error.message).toMatch(/^password: at least 8 characters/);
    } finally {
      await admin.patch("/api/v1/settings/security", { suiteEnabled: false });
    }
  });

  it("offers the mobile typology only when the account enables it; a mobile agent needs a push gateway", async () => {
    const refused = await admin.post<ErrorBody>("/api/v1/agents", newAgentRequest({ typology: "mobile", typologySettings: { pushGateway: "203.0.113.10:5060" } }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ field: "typology", message: "typology: mobile is not enabled for this account" }]);
    await admin.patch("/api/v1/settings/account", { mobileTypologyEnabled: true });
    const withoutGateway = await admin.post<ErrorBody>("/api/v1/agents", newAgentRequest({ typology: "mobile" }));
    expect(withoutGateway.body.error.details).toEqual([{ field: "typologySettings.pushGateway", message: "typologySettings.pushGateway: required: host:port of the push gateway" }]);
    const mobile = await createAgent(admin, { typology: "mobile", typologySettings: { pushGateway: "push.example.com:5060" }, voiceSettings: { transports: ["tls"], encryption: true } });
    expect(mobile.typologySettings).toEqual({ pushGateway: "push.example.com:5060" });
    const unencrypted = await admin.patch<ErrorBody>(`/api/v1/agents/${mobile.id}`, { voiceSettings: { encryption: false } });
    expect(unencrypted.status).toBe(400);
    expect(unencrypted.body.error.message).toBe("voiceSettings.encryption: must be on for a mobile agent using tls");
  });

  it("updates only the fields sent and merges settings into the stored ones", async () => {
    const agent = await createAgent(admin, { typology: "webrtc", voiceSettings: { callerId: "Support" } });
    const updated = await admin.patch<Agent>(`/api/v1/agents/${agent.id}`, {
      alias: "Grace",
      loginInPause: true,
      toastPosition: "bottom-left",
      typologySettings: { autoAnswer: true, autoAnswerDelaySeconds: 5 },
      voiceSettings: { nat: "comedia" },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      fullName: agent.fullName,
      alias: "Grace",
      loginInPause: true,
      toastPosition: "bottom-left",
      typologySettings: { ...agent.typologySettings, autoAnswer: true, autoAnswerDelaySeconds: 5 },
      voiceSettings: { ...agent.voiceSettings, nat: "comedia", callerId: "Support" },
    });
    const cleared = await admin.patch<Agent>(`/api/v1/agents/${agent.id}`, { alias: "", email: null });
    expect(cleared.body).toMatchObject({ alias: null, email: null });
  });

  it("checks the merged settings: g729 is refused for webrtc, accepted once the typology is external", async () => {
    const agent = await createAgent(admin, { typology: "webrtc" });
    const refused = await admin.patch<ErrorBody>(`/api/v1/agents/${agent.id}`, { voiceSettings: { allowedCodecs: ["g729"] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe("voiceSettings.allowedCodecs: g729 is not supported by webrtc agents");
    const foreign = await admin.patch<ErrorBody>(`/api/v1/agents/${agent.id}`, { typologySettings: { hotDesk: true } });
    expect(foreign.body.error.message).toBe("typologySettings: not a webrtc setting: hotDesk");
    const external = await admin.patch<Agent>(`/api/v1/agents/${agent.id}`, { typology: "external", typologySettings: { hotDesk: true }, voiceSettings: { allowedCodecs: ["g729"] } });
    expect(external.status).toBe(200);
    expect(external.body).toMatchObject({ typology: "external", typologySettings: { hotDesk: true }, voiceSettings: { allowedCodecs: ["g729"] } });
    expect((await admin.get<Agent>(`/api/v1/agents/${agent.id}`)).body.typology).toBe("external");
  });

  it("sets a password: the agent's sessions end and the new password signs in", async () => {
    const request = newAgentRequest();
    const agent = await createAgent(admin, request);
    const agentClient = new TestClient(testServer.url);
    await agentClient.signIn(request.username, request.password);
    expect((await agentClient.get("/api/v1/auth/me")).status).toBe(200);

    const changed = await admin.request("PUT", `/api/v1/agents/${agent.id}/password`, { password: "New-password-2" });
    expect(changed.status).toBe(204);
    expect((await agentClient.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new TestClient(testServer.url).signIn(request.username, request.password)).status).toBe(401);
    expect((await new TestClient(testServer.url).signIn(request.username, "New-password-2")).status).toBe(200);
    const read = await admin.get<Agent>(`/api/v1/agents/${agent.id}`);
    expect(Date.parse(read.body.passwordChangedAt ?? "")).toBeGreaterThan(Date.parse(agent.passwordChangedAt ?? ""));
  });

  it("deletes many agents all together, or none when one is unknown", async () => {
    const [first, second, third] = [await createAgent(admin), await createAgent(admin), await createAgent(admin)];
    const unknown = "00000000-0000-4000-8000-000000000000";
    const partly = await admin.post<ErrorBody>("/api/v1/agents/delete", { agentIds: [first.id, second.id, unknown] });
    expect(partly.status).toBe(404);
    expect(partly.body.error).toEqual({ code: "agent_not_found", message: `agentIds: no such agent: ${unknown}` });
    expect((await admin.get(`/api/v1/agents/${first.id}`)).status).toBe(200);

    const deleted = await admin.post<{ deleted: number }>("/api/v1/agents/delete", { agentIds: [first.id, second.id, first.id] });
    expect(deleted.body).toEqual({ deleted: 2 });
    expect((await admin.get(`/api/v1/agents/${first.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/agents/${third.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/agents/${third.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/agents/${third.id}`)).status).toBe(404);
    const empty = await admin.post<ErrorBody>("/api/v1/agents/delete", { agentIds: [] });
    expect(empty.body.error.message).toBe("agentIds: at least one agent");
  });

  it("treats admins and supervisors as no agents: 404", async () => {
    const supervisor = (await testServer.signedIn("supervisor")).created.user;
    expect((await admin.get(`/api/v1/agents/${supervisor.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/v1/agents/${supervisor.id}`, { alias: "x" })).status).toBe(404);
    expect((await admin.post("/api/v1/agents/delete", { agentIds: [supervisor.id] })).status).toBe(404);
    expect((await admin.get("/api/v1/agents/not-a-uuid")).status).toBe(400);
  });
});
