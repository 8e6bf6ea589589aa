import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { CustomStatus, Presence } from "../../../common/api/presence.ts";
import type { TestClient } from "../../test/http-client.ts";
import { nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";
import { openDesktop, waitForEvent, waitForPresence } from "./presence-events.test-support.ts";

describe("custom statuses", () => {
  let testServer: TestServer;
  let admin: TestClient;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  const uniqueName = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;
  const create = async (name: string, pausesRouting = true) => {
    const response = await admin.post<CustomStatus>("/api/v1/custom-statuses", { name, pausesRouting });
    expect(response.status).toBe(201);
    return response.body;
  };
  /** An agent with an open desktop, in this custom status. */
  const agentInStatus = async (status: CustomStatus) => {
    const agent = await testServer.signedIn("agent");
    const { socket } = await openDesktop(testServer.url, agent.client, agent.created.user.id);
    sockets.push(socket);
    const set = await agent.client.request<Presence>("PUT", "/api/v1/presence/me/status", { status: "custom", customStatusId: status.id });
    expect(set.status).toBe(200);
    return { ...agent, socket };
  };

  it("lets an admin define statuses that every signed-in role reads, in order, and tells every desktop", async () => {
    const agent = await testServer.signedIn("agent");
    const { socket } = await openDesktop(testServer.url, agent.client, agent.created.user.id);
    sockets.push(socket);
    const lunchName = uniqueName("Lunch");
    const pushed = waitForEvent(socket, "custom_statuses.changed", ({ statuses }) => statuses.some((status) => status.name === lunchName));

    const breakStatus = await create(uniqueName("Break"));
    const lunch = await create(lunchName, false);
    expect(lunch).toMatchObject({ name: lunchName, pausesRouting: false });
    expect(lunch.position).toBeGreaterThan(breakStatus.position);
    expect((await pushed).statuses).toEqual(expect.arrayContaining([breakStatus, lunch]));

    for (const role of ["agent", "supervisor"] as const) {
      const { client } = await testServer.signedIn(role);
      const list = await client.get<{ items: CustomStatus[] }>("/api/v1/custom-statuses");
      expect(list.status).toBe(200);
      const names = list.body.items.map((status) => status.name);
      expect(names.indexOf(breakStatus.name)).toBeLessThan(names.indexOf(lunch.name));
      expect((await client.post<ErrorBody>("/api/v1/custom-statuses", { name: uniqueName("Nap") })).status).toBe(403);
    }
  });

  it("refuses a name already used, ignoring case, naming the field", async () => {
    const name = uniqueName("Restroom");
    const first = await create(name);
    const taken = await admin.post<ErrorBody>("/api/v1/custom-statuses", { name: name.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: "custom_status_name_taken", details: [{ field: "name" }] });

    const other = await create(uniqueName("Coffee"));
    const renamed = await admin.patch<ErrorBody>(`/api/v1/custom-statuses/${other.id}`, { name: ` ${name.toLowerCase()} ` });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe("custom_status_name_taken");
    expect((await admin.post<ErrorBody>("/api/v1/custom-statuses", { name: "  " })).body.error.details).toEqual([{ field: "name", message: "name: required" }]);
    expect(first.name).toBe(name);
  });

  it("renames a status without changing whether it pauses routing, shows the agents in it the new name, and audits it", async () => {
    const status = await create(uniqueName("Training"), false);
    const agent = await agentInStatus(status);
    const newName = uniqueName("Coaching");
    const pushed = waitForPresence(agent.socket, agent.created.user.id, (presence) => presence.customStatus?.name === newName);

    const renamed = await admin.patch<CustomStatus>(`/api/v1/custom-statuses/${status.id}`, { name: newName });
    expect(renamed.body).toEqual({ ...status, name: newName });
    expect((await pushed).customStatus).toEqual(renamed.body);

    const toggled = await admin.patch<CustomStatus>(`/api/v1/custom-statuses/${status.id}`, { pausesRouting: true });
    expect(toggled.body).toMatchObject({ name: newName, pausesRouting: true });
    const log = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityId=${status.id}`);
    expect(log.body.items.map((entry) => entry.action)).toEqual(["custom_status.updated", "custom_status.updated", "custom_status.created"]);
    expect(log.body.items[1]).toMatchObject({ before: { name: status.name }, after: { name: newName, pausesRouting: false } });
  });

  it("moves the agents of a deleted status that pauses nothing to ready", async () => {
    const status = await create(uniqueName("Back office"), false);
    const agent = await agentInStatus(status);
    const moved = waitForPresence(agent.socket, agent.created.user.id, (presence) => presence.status === "ready");
    const listed = nextEvent(agent.socket, "custom_statuses.changed");

    expect((await admin.delete(`/api/v1/custom-statuses/${status.id}`)).status).toBe(204);
    expect(await moved).toMatchObject({ status: "ready", customStatus: null, connected: true });
    expect((await listed).statuses.map((item) => item.id)).not.toContain(status.id);
    expect((await admin.delete<ErrorBody>(`/api/v1/custom-statuses/${status.id}`)).body.error.code).toBe("custom_status_not_found");
  });

  it("refuses to delete a status that pauses routing while anyone is in it", async () => {
    const status = await create(uniqueName("Break"));
    const first = await agentInStatus(status);
    await agentInStatus(status);

    const refused = await admin.delete<ErrorBody>(`/api/v1/custom-statuses/${status.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "custom_status_in_use", details: { count: 2 } });
    expect(refused.body.error.message).toContain("2 people");

    // An agent on a call who returns to it afterwards counts too.
    await testServer.server.services.presence.enterCall(first.created.user.id);
    expect((await admin.delete<ErrorBody>(`/api/v1/custom-statuses/${status.id}`)).body.error).toMatchObject({ details: { count: 2 } });
  });

  it("lets only admins change statuses", async () => {
    const status = await create(uniqueName("Meeting"));
    const { client } = await testServer.signedIn("supervisor");
    expect((await client.patch(`/api/v1/custom-statuses/${status.id}`, { name: "x" })).status).toBe(403);
    expect((await client.delete(`/api/v1/custom-statuses/${status.id}`)).status).toBe(403);
  });
});
