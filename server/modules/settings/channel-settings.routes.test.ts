import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { AccountSettings, ChannelSettings } from "../../../common/api/channels.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { connectSocket, nextEvent } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("account and channel settings", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("starts with voice, SMS and chat, voice one call at a time, other channels and tabs unlimited", async () => {
    const { client } = await testServer.signedIn("admin");
    const account = await client.get<AccountSettings>("/api/v1/settings/account");
    expect(account.body).toEqual({ enabledChannels: ["voice", "chat", "sms"], mobileTypologyEnabled: false });
    const channels = await client.get<ChannelSettings>("/api/v1/settings/channels");
    expect(channels.body.maxOpenTabs).toBe(0);
    expect(channels.body.defaultCapacity).toMatchObject({ voice: 1, chat: 0, sms: 0, email: 0, whatsapp: 0 });
  });

  it("turns channels on for the account, keeps voice, SMS and chat on, audits and tells the admins", async () => {
    const admin = await testServer.signedIn("admin");
    const socket = await connectSocket(testServer.url, { cookie: admin.client.cookie });
    try {
      const event = nextEvent(socket, "account_settings.updated");
      const updated = await admin.client.patch<AccountSettings>("/api/v1/settings/account", { enabledChannels: ["whatsapp", "email", "email"], mobileTypologyEnabled: true });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ enabledChannels: ["voice", "chat", "sms", "email", "whatsapp"], mobileTypologyEnabled: true });
      expect((await event).account).toEqual(updated.body);
      expect(await testServer.server.services.settings.getAccount()).toEqual(updated.body);
    } finally {
      socket.disconnect();
    }
    const log = await admin.client.get<Page<AuditEntry>>("/api/v1/audit?action=account_settings.updated");
    expect(log.body.items[0]).toMatchObject({ entityId: "account", after: { enabledChannels: ["voice", "chat", "sms", "email", "whatsapp"] } });
  });

  it("changes one channel's default capacity and the tab limit, leaving the others", async () => {
    const admin = await testServer.signedIn("admin");
    const socket = await connectSocket(testServer.url, { cookie: admin.client.cookie });
    try {
      const event = nextEvent(socket, "channel_settings.updated");
      const updated = await admin.client.patch<ChannelSettings>("/api/v1/settings/channels", { defaultCapacity: { chat: 3 }, maxOpenTabs: 5 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ maxOpenTabs: 5, defaultCapacity: { chat: 3, voice: 1, sms: 0 } });
      expect((await event).channels).toEqual(updated.body);
    } finally {
      socket.disconnect();
    }
    const again = await admin.client.patch<ChannelSettings>("/api/v1/settings/channels", { defaultCapacity: { sms: 0 } });
    expect(again.body).toMatchObject({ maxOpenTabs: 5, defaultCapacity: { chat: 3, sms: 0 } });
    const log = await admin.client.get<Page<AuditEntry>>("/api/v1/audit?action=channel_settings.updated");
    expect(log.body.items[1]).toMatchObject({ before: { maxOpenTabs: 0 }, after: { maxOpenTabs: 5, defaultCapacity: { chat: 3 } } });
  });

  it("names the field of a refused value", async () => {
    const { client } = await testServer.signedIn("admin");
    const cases: [string, unknown, RegExp][] = [
      ["/api/v1/settings/channels", { maxOpenTabs: -1 }, /^maxOpenTabs: /],
      ["/api/v1/settings/channels", { maxOpenTabs: 2.5 }, /^maxOpenTabs: /],
      ["/api/v1/settings/channels", { defaultCapacity: { chat: 51 } }, /^defaultCapacity.chat: at most 50/],
      ["/api/v1/settings/channels", { defaultCapacity: { pigeon: 1 } }, /defaultCapacity/],
      ["/api/v1/settings/account", { enabledChannels: ["pigeon"] }, /^enabledChannels.0: one of /],
      ["/api/v1/settings/account", { mobileTypologyEnabled: "yes" }, /^mobileTypologyEnabled: /],
    ];
    for (const [path, body, message] of cases) {
      const response = await client.patch<ErrorBody>(path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it("keeps the global settings to admins; supervisors read the account's channels", async () => {
    const supervisor = await testServer.signedIn("supervisor");
    expect((await supervisor.client.get("/api/v1/settings/channels")).status).toBe(403);
    expect((await supervisor.client.patch("/api/v1/settings/channels", { maxOpenTabs: 1 })).status).toBe(403);
    expect((await supervisor.client.patch("/api/v1/settings/account", { mobileTypologyEnabled: false })).status).toBe(403);
    expect((await supervisor.client.get("/api/v1/settings/account")).status).toBe(200);
    const agent = await testServer.signedIn("agent");
    expect((await agent.client.get("/api/v1/settings/account")).status).toBe(403);
  });
});
