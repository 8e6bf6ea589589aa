import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { MomentReport } from "../../../common/api/moments.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { createNotification, customerSays, momentsAgent, newTeam, openConversation } from "./moments.test-support.ts";

describe("moments reports", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("counts firings over time, per notification, per agent and per team, with filters and a CSV of the same firings", async () => {
    const north = await newTeam(testServer);
    const south = await newTeam(testServer);
    const ann = await momentsAgent(testServer, { teamIds: [north] });
    const ben = await momentsAgent(testServer, { teamIds: [south] });
    const refund = await createNotification(admin, { name: "Report refund", criteria: { anyOf: ["refund"], frequency: { kind: "every", cooldownSeconds: 0 } }, targets: { teamIds: [north, south] } });
    const manager = await createNotification(admin, { name: "Report manager", criteria: { anyOf: ["manager"] }, targets: { teamIds: [north, south] } });
    const annChat = await openConversation(testServer, ann.id);
    const benChat = await openConversation(testServer, ben.id);
    await customerSays(testServer, annChat, "refund, refund");
    await customerSays(testServer, annChat, "refund and a manager");
    await customerSays(testServer, benChat, "refund");
    // One of Ben's firings happened two days ago.
    await sql`update moment_firings set fired_at = now() - interval '2 days' where agent_id = ${ben.id}`.execute(testServer.database.db);

    const scoped = `notificationId=${refund.id}`;
    const all = await admin.get<MomentReport>(`/api/v1/moments/reports?${scoped}&granularity=day`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, scope: { agentId: null } });
    expect(all.body.byAgent.map((row) => [row.id, row.firings])).toEqual([
      [ann.id, 2],
      [ben.id, 1],
    ]);
    expect(all.body.byTeam.map((row) => [row.id, row.firings]).sort()).toEqual([[north, 2], [south, 1]].sort());
    expect(all.body.series.reduce((sum, bucket) => sum + bucket.firings, 0)).toBe(3);
    expect(all.body.series).toHaveLength(2);

    const lastDay = await admin.get<MomentReport>(`/api/v1/moments/reports?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`);
    expect(lastDay.body.byNotification.map((row) => [row.id, row.firings]).sort()).toEqual([[refund.id, 2], [manager.id, 1]].sort());
    const southOnly = await admin.get<MomentReport>(`/api/v1/moments/reports?teamId=${south}`);
    expect(southOnly.body.total).toBe(1);
    const chatOnly = await admin.get<MomentReport>(`/api/v1/moments/reports?channel=sms`);
    expect(chatOnly.body.total).toBe(0);

    const csv = await admin.get<string>(`/api/v1/moments/reports/export.csv?${scoped}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("Fired at,Notification,Agent,Teams,Channel,Source,Speaker,Phrase,Said,Helpful,Dismissed at,Interaction id,Moment id");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.includes("Report refund,") && line.includes(",chat,message,customer,refund,"))).toBe(true);
  });

  it("shows an agent their own firings alone, whatever filter they send", async () => {
    const team = await newTeam(testServer);
    const cy = await momentsAgent(testServer, { teamIds: [team] });
    const dee = await momentsAgent(testServer, { teamIds: [team] });
    await createNotification(admin, { name: "Own report", criteria: { anyOf: ["upgrade"] }, targets: { teamIds: [team] } });
    for (const agent of [cy, dee]) {
      await customerSays(testServer, await openConversation(testServer, agent.id), "upgrade me");
    }
    const mine = await cy.client.get<MomentReport>(`/api/v1/moments/reports?agentId=${dee.id}&teamId=${team}`);
    expect(mine.body).toMatchObject({ scope: { agentId: cy.id }, total: 1 });
    expect(mine.body.byAgent.map((row) => row.id)).toEqual([cy.id]);
    const csv = await cy.client.get<string>(`/api/v1/moments/reports/export.csv?agentId=${dee.id}`);
    expect(csv.body.trim().split("\r\n")).toHaveLength(2);
    const invalid = await admin.get<ErrorBody>("/api/v1/moments/reports?granularity=year&from=yesterday");
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: "granularity" }), expect.objectContaining({ field: "from" })]));
  });
});
