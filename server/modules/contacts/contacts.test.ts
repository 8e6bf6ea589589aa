import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contact, ContactConversation } from "../../../common/api/contacts.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { Interaction } from "../../../common/api/interactions.ts";
import type { Page } from "../../../common/api/pagination.ts";
import { connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import type { TestClient } from "../../test/http-client.ts";
import { accept, conversationOf, createSmsLine, readyAgent, startTextingServer, testPhone, text, type TextingTestServer } from "../texting/texting.test-support.ts";

let texting: TextingTestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  texting = await startTextingServer();
});
afterAll(async () => {
  for (const socket of sockets) {
    socket.disconnect();
  }
  await texting.close();
});

const server = () => texting.testServer;
const db = () => texting.testServer.database.db;
const agentClient = async () => (await server().signedIn("agent")).client;

async function createContact(client: TestClient, body: Record<string, unknown>): Promise<Contact> {
  const response = await client.post<Contact>("/api/v1/contacts", body);
  if (response.status !== 201) {
    throw new Error(`creating a contact failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** An agent owning a conversation with a number (unknown unless a contact has it). */
async function ownedConversation(phone = testPhone()) {
  const agent = await readyAgent(server());
  const line = await createSmsLine(texting.admin, [agent.id]);
  await text(server(), { from: phone, to: line.address, body: "Hello there" });
  const conversation = await conversationOf(server(), line.entryPointId, phone);
  await accept(agent, conversation.id);
  return { agent, line, phone, conversationId: conversation.id };
}

describe("contacts (issue 5, item 4)", () => {
  it("creates a lead with its phone normalised to E.164, and names the field of bad input", async () => {
    const client = await agentClient();
    const created = await createContact(client, { name: "Ada Lovelace", status: "lead", phone: "+1 (415) 555-0123", email: "ada@example.com", notes: "Asked about pricing" });
    expect(created).toMatchObject({ name: "Ada Lovelace", status: "lead", phone: "+14155550123", email: "ada@example.com", notes: "Asked about pricing", optOut: null });

    const invalid = await client.post<ErrorBody>("/api/v1/contacts", { name: "", status: "other", phone: "555-0199", email: "not-an-address" });
    expect(invalid.status).toBe(400);
    expect((invalid.body.error.details as { field: string }[]).map((detail) => detail.field).sort()).toEqual(["email", "name", "phone", "status"]);

    const duplicate = await client.post<ErrorBody>("/api/v1/contacts", { name: "Ada Again", status: "customer", phone: "+14155550123" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("contact_phone_taken");
  });

  it("searches by name, phone in any writing, and e-mail, filters by status, and pages", async () => {
    const client = await agentClient();
    const phone = testPhone();
    const marker = `Zed${Date.now().toString(36)}`;
    const lead = await createContact(client, { name: `${marker} Lead`, status: "lead", phone });
    const customer = await createContact(client, { name: `${marker} Customer`, status: "customer", email: `${marker.toLowerCase()}@example.com` });
    const search = async (query: string) => (await client.get<Page<Contact>>(`/api/v1/contacts?${query}`)).body;

    expect((await search(`search=${marker}`)).items.map((item) => item.id)).toEqual([customer.id, lead.id]);
    const spaced = `${phone.slice(0, 2)} ${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`;
    expect((await search(`search=${encodeURIComponent(spaced)}`)).items.map((item) => item.id)).toEqual([lead.id]);
    expect((await search(`search=${marker.toLowerCase()}%40example`)).items.map((item) => item.id)).toEqual([customer.id]);
    expect((await search(`search=${marker}&status=lead`)).items.map((item) => item.id)).toEqual([lead.id]);
    const paged = await search(`search=${marker}&pageSize=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: lead.id }] });
  });

  it("shows a contact's edit at once on its open conversation, for its owner", async () => {
    const phone = testPhone();
    const client = await agentClient();
    const contact = await createContact(client, { name: "Grace Hopper", status: "lead", phone });
    const { agent, conversationId } = await ownedConversation(phone);
    const socket = await connectSocket(server().url, { cookie: agent.client.cookie });
    sockets.push(socket);
    const updated = nextEvent(socket, "interaction.updated");
    const edited = await client.patch<Contact>(`/api/v1/contacts/${contact.id}`, { name: "Grace B. Hopper", status: "customer" });
    expect(edited.status).toBe(200);
    expect((await updated).interaction).toMatchObject({ id: conversationId, customerName: "Grace B. Hopper", contactStatus: "customer", contactId: contact.id });
  });

  it("keeps the history of a contact's conversations, with who worked them and their messages", async () => {
    const phone = testPhone();
    const { agent, conversationId } = await ownedConversation(phone);
    await agent.client.post(`/api/v1/interactions/${conversationId}/messages`, { body: "How can I help?" });
    expect((await agent.client.post(`/api/v1/interactions/${conversationId}/close`)).status).toBe(200);
    // The number becomes a contact afterwards: its earlier conversation joins the contact's history.
    const client = await agentClient();
    const contact = await createContact(client, { name: "Later Known", status: "customer", phone });
    const history = await client.get<Page<ContactConversation>>(`/api/v1/contacts/${contact.id}/conversations`);
    expect(history.body.items).toMatchObject([{ interaction: { id: conversationId, state: "closed", customerName: "Later Known", contactStatus: "customer" }, agentName: expect.any(String) }]);
    const transcript = await client.get<{ items: { body: string }[] }>(`/api/v1/contacts/${contact.id}/conversations/${conversationId}/messages`);
    expect(transcript.body.items.map((item) => item.body)).toEqual(["Hello there", "How can I help?"]);
    const stranger = await createContact(client, { name: "Someone Else", status: "lead" });
    expect((await client.get(`/api/v1/contacts/${stranger.id}/conversations/${conversationId}/messages`)).status).toBe(404);
  });

  it("merges two contacts for admins and supervisors: the survivor keeps its fields, fills its blanks and takes the history", async () => {
    const phone = testPhone();
    const { agent, conversationId } = await ownedConversation(phone);
    const client = await agentClient();
    const fromText = await createContact(client, { name: "Texting Name", status: "lead", phone, notes: "Texted first" });
    const fromForm = await createContact(client, { name: "Real Name", status: "customer", email: "real@example.com", notes: "Signed up" });

    const refused = await agent.client.post<ErrorBody>(`/api/v1/contacts/${fromText.id}/merge`, { intoContactId: fromForm.id });
    expect(refused.status).toBe(403);
    const self = await texting.admin.post<ErrorBody>(`/api/v1/contacts/${fromText.id}/merge`, { intoContactId: fromText.id });
    expect(self.status).toBe(400);

    const merged = await texting.admin.post<Contact>(`/api/v1/contacts/${fromText.id}/merge`, { intoContactId: fromForm.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: fromForm.id, name: "Real Name", status: "customer", phone, email: "real@example.com", notes: "Signed up\n\nTexted first" });
    expect((await client.get(`/api/v1/contacts/${fromText.id}`)).status).toBe(404);
    const conversation = await agent.client.get<Interaction>(`/api/v1/interactions/${conversationId}`);
    expect(conversation.body).toMatchObject({ contactId: fromForm.id, customerName: "Real Name", contactStatus: "customer" });
    const history = await client.get<Page<ContactConversation>>(`/api/v1/contacts/${fromForm.id}/conversations`);
    expect(history.body.items.map((item) => item.interaction.id)).toEqual([conversationId]);
  });

  it("masks name, phone and e-mail for an agent with mask sensitive data, everywhere, and lets them search whole values only", async () => {
    const phone = testPhone();
    const owner = await agentClient();
    const contact = await createContact(owner, { name: "Katherine Johnson", status: "customer", phone, email: "katherine@example.com" });
    const { client: masked, created } = await server().signedIn("agent");
    await db().updateTable("users").set({ maskSensitiveData: true }).where("id", "=", created.user.id).execute();

    const maskedPhone = `${phone.slice(0, -4)}****`;
    const expected = { id: contact.id, name: "Katherine Joh****", phone: maskedPhone, email: "kathe****@example.com" };
    expect((await masked.get<Contact>(`/api/v1/contacts/${contact.id}`)).body).toMatchObject(expected);
    expect((await masked.get<Page<Contact>>(`/api/v1/contacts?search=${encodeURIComponent(phone)}`)).body.items).toMatchObject([expected]);
    expect((await masked.get<Page<Contact>>(`/api/v1/contacts?search=Katherine%20Johnson`)).body.items).toMatchObject([expected]);
    // A part of a hidden value finds nothing: searching cannot reveal what the mask hides.
    expect((await masked.get<Page<Contact>>(`/api/v1/contacts?search=${encodeURIComponent(phone.slice(0, -2))}`)).body.items).toEqual([]);
    expect((await masked.get<Page<Contact>>(`/api/v1/contacts?search=Johns`)).body.items).toEqual([]);
    const edited = await masked.patch<Contact>(`/api/v1/contacts/${contact.id}`, { notes: "Called back" });
    expect(edited.body).toMatchObject({ ...expected, notes: "Called back" });
    // The owner without the mask sees everything.
    expect((await owner.get<Contact>(`/api/v1/contacts/${contact.id}`)).body).toMatchObject({ name: "Katherine Johnson", phone, email: "katherine@example.com" });
  });

  it("refuses an agent whose Contacts module is off", async () => {
    const { client, created } = await server().signedIn("agent");
    await db().updateTable("users").set({ permissions: JSON.stringify({ modules: { contacts: false } }) }).where("id", "=", created.user.id).execute();
    const refused = await client.get<ErrorBody>("/api/v1/contacts");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("module_disabled");
  });

  it("shows the number's opt-out on the contact", async () => {
    const phone = testPhone();
    const { line } = await ownedConversation(phone);
    await text(server(), { from: phone, to: line.address, body: "STOP" });
    const contact = await createContact(await agentClient(), { name: "Quiet Customer", status: "customer", phone });
    expect(contact.optOut).toMatchObject({ optedOut: true, keyword: "STOP" });
  });
});

describe("the greeting step on an unknown number (product.md, Two-way texting)", () => {
  it("makes the number a new lead or customer, for the conversation's owner only; its later conversations show the contact", async () => {
    const { agent, line, phone, conversationId } = await ownedConversation();
    const other = await readyAgent(server());
    expect((await other.client.post<ErrorBody>(`/api/v1/interactions/${conversationId}/contact`, { kind: "new", status: "lead", name: "Nosy" })).status).toBe(404);
    const other_kind = await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversationId}/contact`, { kind: "other" });
    expect(other_kind.status).toBe(400);
    expect(other_kind.body.error.message).toMatch(/^kind: /);

    const classified = await agent.client.post<Interaction>(`/api/v1/interactions/${conversationId}/contact`, { kind: "new", status: "lead", name: "Margaret Hamilton", email: "margaret@example.com" });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({ id: conversationId, customerName: "Margaret Hamilton", contactStatus: "lead", contactId: expect.any(String) });
    const contact = await agent.client.get<Contact>(`/api/v1/contacts/${classified.body.contactId ?? ""}`);
    expect(contact.body).toMatchObject({ name: "Margaret Hamilton", phone, status: "lead", email: "margaret@example.com" });
    const again = await agent.client.post<ErrorBody>(`/api/v1/interactions/${conversationId}/contact`, { kind: "new", status: "customer", name: "Twice" });
    expect(again.body.error.code).toBe("conversation_classified");

    await agent.client.post(`/api/v1/interactions/${conversationId}/close`);
    await text(server(), { from: phone, to: line.address, body: "Me again" });
    const next = await conversationOf(server(), line.entryPointId, phone);
    expect((await agent.client.get<Interaction>(`/api/v1/interactions/${next.id}`)).body).toMatchObject({ customerName: "Margaret Hamilton", contactStatus: "lead" });
  });

  it("matches the number to an existing contact, which takes the number when it had none", async () => {
    const client = await agentClient();
    const existing = await createContact(client, { name: "Existing Customer", status: "customer", email: "existing@example.com" });
    const { agent, phone, conversationId } = await ownedConversation();
    const matched = await agent.client.post<Interaction>(`/api/v1/interactions/${conversationId}/contact`, { kind: "match", contactId: existing.id });
    expect(matched.body).toMatchObject({ contactId: existing.id, customerName: "Existing Customer", contactStatus: "customer" });
    expect((await client.get<Contact>(`/api/v1/contacts/${existing.id}`)).body.phone).toBe(phone);
  });
});
