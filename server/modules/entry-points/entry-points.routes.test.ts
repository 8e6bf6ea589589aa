import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../common/api/audit.ts";
import type { CreatedEntryPoint, EntryPoint, InboundKey } from "../../../common/api/entry-points.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { hashSecret } from "../../lib/secrets.ts";
import { createQueue, uniqueName } from "../../test/group-factories.ts";
import type { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
let sequence = 0;
const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;
const uniqueNumber = () => `+1415${String(Date.now() % 1_000_000).padStart(6, "0")}${sequence++ % 10}`;

describe("entry points", () => {
  let testServer: TestServer;
  let admin: TestClient;

  beforeAll(async () => {
    testServer = await startTestServer();
    admin = (await testServer.signedIn("admin")).client;
    expect((await admin.patch("/api/v1/settings/account", { enabledChannels: ["voice", "sms", "chat", "email", "openchannel"] })).status).toBe(200);
  });
  afterAll(async () => {
    await testServer.close();
  });

  async function create(request: Record<string, unknown>): Promise<CreatedEntryPoint> {
    const response = await admin.post<CreatedEntryPoint>("/api/v1/entry-points", request);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  const storedRow = (entryPointId: string) => testServer.database.db.selectFrom("entryPoints").selectAll().where("id", "=", entryPointId).executeTakeFirstOrThrow();

  it("creates an SMS number routing to an ordered chain of queues, reorders it, and deletes it, auditing each change", async () => {
    const first = await createQueue(admin, { channel: "sms" });
    const second = await createQueue(admin, { channel: "sms" });
    const name = uniqueName("Sales line");
    const address = uniqueNumber();
    const { entryPoint, inboundKey } = await create({ name, channel: "sms", address, queueIds: [first.id, second.id] });
    expect(inboundKey).toBeNull();
    expect(entryPoint).toMatchObject({ name, channel: "sms", address, hasInboundKey: false, webhookUrl: null, webhookSecret: null });
    expect(entryPoint.queues.map((queue) => queue.id)).toEqual([first.id, second.id]);

    const reordered = await admin.patch<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}`, { queueIds: [second.id, first.id], name: `${name} 2` });
    expect(reordered.status).toBe(200);
    expect(reordered.body.queues.map((queue) => queue.name)).toEqual([second.name, first.name]);
    expect((await admin.get<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}`)).body).toEqual(reordered.body);

    expect((await admin.delete(`/api/v1/entry-points/${entryPoint.id}`)).status).toBe(204);
    expect((await admin.get<ErrorBody>(`/api/v1/entry-points/${entryPoint.id}`)).body.error.code).toBe("entry_point_not_found");
    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=entry_point&entityId=${entryPoint.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual(["entry_point.deleted", "entry_point.updated", "entry_point.created"]);
    expect(audit.body.items[1]).toMatchObject({ before: { queueIds: [first.id, second.id], name }, after: { queueIds: [second.id, first.id], name: `${name} 2` } });
  });

  it("validates the address for its channel, with a 400 naming the field", async () => {
    const sms = await createQueue(admin, { channel: "sms" });
    const email = await createQueue(admin, { channel: "email" });
    const chat = await createQueue(admin, { channel: "chat" });
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: "sms", address: "0612345678", queueIds: [sms.id] }, "address"],
      [{ channel: "sms", address: "+1234567", queueIds: [sms.id] }, "address"],
      [{ channel: "sms", address: "+1234567890123456", queueIds: [sms.id] }, "address"],
      [{ channel: "email", address: "not-an-address", queueIds: [email.id] }, "address"],
      [{ channel: "chat", address: "Web Chat!", queueIds: [chat.id] }, "address"],
      [{ channel: "chat", address: "web-chat", queueIds: [] }, "queueIds"],
      [{ channel: "chat", address: "web-chat" }, "queueIds"],
      [{ channel: "pigeon", address: "x", queueIds: [chat.id] }, "channel"],
      [{ channel: "chat", address: "web-chat", queueIds: [chat.id], webhookUrl: "https://example.com" }, "webhookUrl"],
      [{ channel: "openchannel", address: "partner", queueIds: [chat.id] }, "webhookUrl"],
      [{ channel: "openchannel", address: "partner", queueIds: [chat.id], webhookUrl: "ftp://example.com/x" }, "webhookUrl"],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post<ErrorBody>("/api/v1/entry-points", { name: uniqueName("Entry"), ...body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message, JSON.stringify(body)).toMatch(new RegExp(`^${field}: `));
    }
    const { entryPoint } = await create({ name: uniqueName("Mail"), channel: "email", address: `help-${sequence}@example.com`, queueIds: [email.id] });
    const badAddress = await admin.patch<ErrorBody>(`/api/v1/entry-points/${entryPoint.id}`, { address: "+14155550123" });
    expect(badAddress.body.error.message).toMatch(/^address: an e-mail address/);
    expect((await admin.patch<ErrorBody>(`/api/v1/entry-points/${entryPoint.id}`, { webhookUrl: "https://example.com/hook" })).body.error.message).toMatch(/^webhookUrl: /);
    expect((await admin.patch<ErrorBody>(`/api/v1/entry-points/${UNKNOWN_ID}`, { name: "x" })).status).toBe(404);
  });

  it("refuses a queue of another channel, an unknown queue or a queue twice, naming queueIds.N", async () => {
    const sms = await createQueue(admin, { channel: "sms" });
    const voice = await createQueue(admin, { channel: "voice" });
    const base = { name: uniqueName("Chain"), channel: "sms", address: uniqueNumber() };
    const cases: [string[], RegExp][] = [
      [[sms.id, voice.id], /^queueIds\.1: .* is a voice queue; this entry point needs sms queues$/],
      [[UNKNOWN_ID], /^queueIds\.0: no queue with this id$/],
      [[sms.id, sms.id], /^queueIds\.1: this queue is already in the chain$/],
    ];
    for (const [queueIds, message] of cases) {
      const response = await admin.post<ErrorBody>("/api/v1/entry-points", { ...base, queueIds });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: expect.stringMatching(/^queueIds\.\d$/) })]);
    }
    const { entryPoint } = await create({ ...base, queueIds: [sms.id] });
    const patched = await admin.patch<ErrorBody>(`/api/v1/entry-points/${entryPoint.id}`, { queueIds: [sms.id, voice.id] });
    expect(patched.body.error.message).toMatch(/^queueIds\.1: /);
    expect((await admin.get<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}`)).body.queues.map((queue) => queue.id)).toEqual([sms.id]);
  });

  it("keeps names unique ignoring case, and addresses unique per channel ignoring case", async () => {
    const email = await createQueue(admin, { channel: "email" });
    const chat = await createQueue(admin, { channel: "chat" });
    const name = uniqueName("Help desk");
    const address = `Desk-${sequence += 1}@Example.com`;
    await create({ name, channel: "email", address, queueIds: [email.id] });

    const sameName = await admin.post<ErrorBody>("/api/v1/entry-points", { name: name.toUpperCase(), channel: "email", address: `other-${sequence}@example.com`, queueIds: [email.id] });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error).toMatchObject({ code: "entry_point_name_taken", message: "name: already in use by another entry point" });
    const sameAddress = await admin.post<ErrorBody>("/api/v1/entry-points", { name: uniqueName("Other"), channel: "email", address: address.toLowerCase(), queueIds: [email.id] });
    expect(sameAddress.status).toBe(409);
    expect(sameAddress.body.error).toMatchObject({ code: "entry_point_address_taken", message: "address: already used by another email entry point" });

    const slug = uniqueSlug("support");
    await create({ name: uniqueName("Chat"), channel: "chat", address: slug, queueIds: [chat.id] });
    const other = await create({ name: uniqueName("Chat"), channel: "chat", address: uniqueSlug("sales"), queueIds: [chat.id] });
    const renamed = await admin.patch<ErrorBody>(`/api/v1/entry-points/${other.entryPoint.id}`, { address: slug });
    expect(renamed.body.error.code).toBe("entry_point_address_taken");
  });

  it("gives an open channel an inbound key shown once and stored as its hash, and a rotatable signing secret for admins", async () => {
    const queue = await createQueue(admin, { channel: "openchannel" });
    const { entryPoint, inboundKey } = await create({ name: uniqueName("Partner"), channel: "openchannel", address: uniqueSlug("partner"), queueIds: [queue.id], webhookUrl: "https://partner.example/switchboard" });
    expect(inboundKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(entryPoint).toMatchObject({ hasInboundKey: true, webhookUrl: "https://partner.example/switchboard", webhookSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const stored = await storedRow(entryPoint.id);
    expect(stored.inboundKeyHash).toBe(hashSecret(inboundKey ?? ""));
    expect(JSON.stringify(stored)).not.toContain(inboundKey);
    const read = await admin.get<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}`);
    expect(JSON.stringify(read.body)).not.toContain(inboundKey);

    const rotated = await admin.post<InboundKey>(`/api/v1/entry-points/${entryPoint.id}/inbound-key`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.inboundKey).not.toBe(inboundKey);
    expect((await storedRow(entryPoint.id)).inboundKeyHash).toBe(hashSecret(rotated.body.inboundKey));

    const newSecret = await admin.post<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}/webhook-secret`);
    expect(newSecret.body.webhookSecret).not.toBe(entryPoint.webhookSecret);
    const audit = await admin.get<Page<AuditEntry>>(`/api/v1/audit?entityType=entry_point&entityId=${entryPoint.id}`);
    expect(audit.body.items.map((entry) => entry.action)).toEqual(["entry_point.webhook_secret_rotated", "entry_point.inbound_key_rotated", "entry_point.created"]);
    expect(JSON.stringify(audit.body)).not.toContain(rotated.body.inboundKey);
    expect(JSON.stringify(audit.body)).not.toContain(newSecret.body.webhookSecret);

    const sms = await createQueue(admin, { channel: "sms" });
    const plain = await create({ name: uniqueName("Plain"), channel: "sms", address: uniqueNumber(), queueIds: [sms.id] });
    const refused = await admin.post<ErrorBody>(`/api/v1/entry-points/${plain.entryPoint.id}/inbound-key`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("entry_point_not_open_channel");
  });

  it("lets supervisors read entry points without the signing secret, and only admins change them", async () => {
    const queue = await createQueue(admin, { channel: "openchannel" });
    const { entryPoint } = await create({ name: uniqueName("Readable"), channel: "openchannel", address: uniqueSlug("readable"), queueIds: [queue.id], webhookUrl: "http://127.0.0.1:9/hook" });
    const supervisor = (await testServer.signedIn("supervisor")).client;
    const listed = await supervisor.get<Page<EntryPoint>>(`/api/v1/entry-points?search=${encodeURIComponent(entryPoint.name)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([{ ...entryPoint, webhookSecret: null }]);
    expect((await supervisor.get<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}`)).body.webhookSecret).toBeNull();
    expect((await supervisor.patch<ErrorBody>(`/api/v1/entry-points/${entryPoint.id}`, { name: "x" })).status).toBe(403);
    expect((await supervisor.post<ErrorBody>(`/api/v1/entry-points/${entryPoint.id}/inbound-key`)).status).toBe(403);
    const agent = (await testServer.signedIn("agent")).client;
    expect((await agent.get("/api/v1/entry-points")).status).toBe(403);
  });

  it("lists by name with search and a channel filter, paginated", async () => {
    const chat = await createQueue(admin, { channel: "chat" });
    const tag = uniqueSlug("page");
    for (const letter of ["c", "a", "b"]) {
      await create({ name: `${tag} ${letter}`, channel: "chat", address: `${tag}-${letter}`, queueIds: [chat.id] });
    }
    const page = await admin.get<Page<EntryPoint>>(`/api/v1/entry-points?search=${tag}&pageSize=2&channel=chat`);
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((item) => item.name)).toEqual([`${tag} a`, `${tag} b`]);
    expect((await admin.get<Page<EntryPoint>>(`/api/v1/entry-points?search=${tag}&channel=sms`)).body.total).toBe(0);
    expect((await admin.get<ErrorBody>("/api/v1/entry-points?channel=pigeon")).body.error.message).toMatch(/^channel: /);
  });

  it("takes a channel only once the account has turned it on, and leaves the chain when its queue is deleted", async () => {
    const refused = await admin.post<ErrorBody>("/api/v1/entry-points", { name: uniqueName("Fax"), channel: "fax", address: "+14155550100", queueIds: [UNKNOWN_ID] });
    expect(refused.body.error.message).toMatch(/^channel: fax is not enabled/);

    const first = await createQueue(admin, { channel: "chat" });
    const second = await createQueue(admin, { channel: "chat" });
    const { entryPoint } = await create({ name: uniqueName("Shrinking"), channel: "chat", address: uniqueSlug("shrinking"), queueIds: [first.id, second.id] });
    expect((await admin.delete(`/api/v1/queues/${first.id}`)).status).toBe(204);
    expect((await admin.get<EntryPoint>(`/api/v1/entry-points/${entryPoint.id}`)).body.queues.map((queue) => queue.id)).toEqual([second.id]);
  });
});
