import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("audit log", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("records who changed what, when, before and after, newest first", async () => {
    const admin = await testServer.signedIn("admin");
    await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: 5 });
    const agent = await testServer.signedIn("agent");
    await admin.client.post(`/api/v1/users/${agent.created.user.id}/unlock`);

    const log = await admin.client.get<Page<AuditEntry>>("/api/v1/audit");
    expect(log.status).toBe(200);
    expect(log.body.items.map((entry) => entry.action)).toEqual(["user.unlocked", "settings.updated"]);
    expect(log.body.items[1]).toMatchObject({
      actorId: admin.created.user.id,
      actorUsername: admin.created.username,
      entityType: "settings",
      entityId: "security",
      summary: "Changed the security settings",
      before: { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: 0 },
      after: { suiteEnabled: false, maskCharacters: 4, lockoutThreshold: 5 },
    });
    expect(Date.parse(log.body.items[0]?.occurredAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  it("filters by entity, action and actor, and pages", async () => {
    const admin = await testServer.signedIn("admin");
    for (const threshold of [1, 2, 3]) {
      await admin.client.patch("/api/v1/settings/security", { lockoutThreshold: threshold });
    }
    const byActor = await admin.client.get<Page<AuditEntry>>(`/api/v1/audit?actorId=${admin.created.user.id}&pageSize=2`);
    expect(byActor.body.total).toBe(3);
    expect(byActor.body.items.map((entry) => entry.after)).toEqual([expect.objectContaining({ lockoutThreshold: 3 }), expect.objectContaining({ lockoutThreshold: 2 })]);
    const secondPage = await admin.client.get<Page<AuditEntry>>(`/api/v1/audit?actorId=${admin.created.user.id}&pageSize=2&page=2`);
    expect(secondPage.body.items.map((entry) => entry.after)).toEqual([expect.objectContaining({ lockoutThreshold: 1 })]);
    const byAction = await admin.client.get<Page<AuditEntry>>("/api/v1/audit?action=user.unlocked&entityType=user");
    expect(byAction.body.items.every((entry) => entry.action === "user.unlocked")).toBe(true);
    const badQuery = await admin.client.get<{ error: { message: string } }>("/api/v1/audit?from=yesterday");
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^from: /);
  });
});
