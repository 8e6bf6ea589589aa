import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { MessageTemplate } from "../../../common/api/message-templates.ts";
import { uniqueName } from "../../test/group-factories.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("message templates (issue 5, item 6)", () => {
  it("lets admins create, change and delete templates with placeholders, which agents read", async () => {
    const admin = (await server.signedIn("admin")).client;
    const agent = (await server.signedIn("agent")).client;
    const name = uniqueName("Greeting");
    const created = await admin.post<MessageTemplate>("/api/v1/message-templates", { name, body: "Hi {{contact.name}}, this is {{agent.alias}}." });
    expect(created.status).toBe(201);
    expect((await agent.get<{ items: MessageTemplate[] }>("/api/v1/message-templates")).body.items).toContainEqual(expect.objectContaining({ id: created.body.id, name, body: "Hi {{contact.name}}, this is {{agent.alias}}." }));

    const changed = await admin.patch<MessageTemplate>(`/api/v1/message-templates/${created.body.id}`, { body: "Hello {{ contact.name }}!" });
    expect(changed.body.body).toBe("Hello {{ contact.name }}!");
    expect((await admin.delete(`/api/v1/message-templates/${created.body.id}`)).status).toBe(204);
    expect((await agent.get<{ items: MessageTemplate[] }>("/api/v1/message-templates")).body.items.map((item) => item.id)).not.toContain(created.body.id);
    expect((await admin.delete(`/api/v1/message-templates/${created.body.id}`)).status).toBe(404);
  });

  it("refuses unknown placeholders, empty text and a taken name, naming the field; agents cannot change templates", async () => {
    const admin = (await server.signedIn("admin")).client;
    const agent = (await server.signedIn("agent")).client;
    const unknown = await admin.post<ErrorBody>("/api/v1/message-templates", { name: uniqueName("Bad"), body: "Your order {{order.id}}" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("body: unknown placeholder {{order.id}}; use {{contact.name}}, {{agent.alias}}");
    const empty = await admin.post<ErrorBody>("/api/v1/message-templates", { name: "", body: " " });
    expect((empty.body.error.details as { field: string }[]).map((detail) => detail.field).sort()).toEqual(["body", "name"]);
    const name = uniqueName("Taken");
    await admin.post("/api/v1/message-templates", { name, body: "One" });
    const taken = await admin.post<ErrorBody>("/api/v1/message-templates", { name: name.toUpperCase(), body: "Two" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("template_name_taken");
    expect((await agent.post("/api/v1/message-templates", { name: uniqueName("Mine"), body: "Hi" })).status).toBe(403);
  });
});
