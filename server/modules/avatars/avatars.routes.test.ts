import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AVATAR_MAX_BYTES } from "../../../common/api/avatars.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { UserSecurity } from "../../../common/api/user-security.ts";
import type { TestClient } from "../../test/http-client.ts";
import { shareQueue } from "../../test/security-factories.ts";
import { connectSocket, nextEvent, type TestSocket } from "../../test/socket-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

// A real 1×1 PNG, and bytes that start like a JPEG and like a GIF.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");

function sized(bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  PNG.copy(body);
  return body;
}

async function upload(client: TestClient, userId: string, body: Buffer | string, contentType = "image/png") {
  const response = await fetch(`${client.baseUrl}/api/v1/users/${userId}/avatar`, {
    method: "PUT",
    headers: { "content-type": contentType, cookie: client.cookie ?? "", "x-csrf-token": client.csrfToken ?? "" },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("avatars", () => {
  let testServer: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await testServer.close();
  });

  const avatarUrl = (userId: string) => `${testServer.url}/api/v1/users/${userId}/avatar`;

  it("stores a PNG a user uploads for themselves, shows it to others with an ETag, and tells the admins", async () => {
    const agent = await testServer.signedIn("agent");
    const admin = await testServer.signedIn("admin");
    const colleague = await testServer.signedIn("agent");
    const adminSocket = await connectSocket(testServer.url, { cookie: admin.client.cookie });
    sockets.push(adminSocket);
    const changed = nextEvent(adminSocket, "user.avatar_changed");

    const saved = await upload(agent.client, agent.created.user.id, PNG);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ userId: agent.created.user.id, contentType: "image/png", size: PNG.length });
    expect(await changed).toEqual({ userId: agent.created.user.id, hasAvatar: true });

    const read = await fetch(avatarUrl(agent.created.user.id), { headers: { cookie: colleague.client.cookie ?? "" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await read.arrayBuffer())).toEqual(PNG);
    const etag = read.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(avatarUrl(agent.created.user.id), { headers: { cookie: colleague.client.cookie ?? "", "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect((await fetch(avatarUrl(agent.created.user.id))).status).toBe(401);

    const security = await admin.client.get<UserSecurity>(`/api/v1/users/${agent.created.user.id}/security`);
    expect(security.body.avatarUpdatedAt).toEqual(expect.any(String));
  });

  it("judges the type by the bytes, not the header", async () => {
    const { client, created } = await testServer.signedIn("agent");
    const jpeg = await upload(client, created.user.id, JPEG, "image/png");
    expect(jpeg.body).toMatchObject({ contentType: "image/jpeg" });
    const read = await fetch(avatarUrl(created.user.id), { headers: { cookie: client.cookie ?? "" } });
    expect(read.headers.get("content-type")).toBe("image/jpeg");

    for (const [body, contentType] of [[GIF, "image/png"], [GIF, "image/gif"], ["not a picture", "text/plain"], [PNG.subarray(0, 4), "image/png"]] as const) {
      const refused = await upload(client, created.user.id, body, contentType);
      expect(refused.status, contentType).toBe(415);
      expect((refused.body as ErrorBody).error).toEqual({ code: "avatar_unsupported_type", message: "The picture must be a PNG or JPG file." });
    }
  });

  it("takes at most 8 MB, with a clear 413 above", async () => {
    const { client, created } = await testServer.signedIn("agent");
    expect((await upload(client, created.user.id, sized(AVATAR_MAX_BYTES))).status).toBe(200);
    for (const bytes of [AVATAR_MAX_BYTES + 1, AVATAR_MAX_BYTES + 1024 * 1024]) {
      const refused = await upload(client, created.user.id, sized(bytes));
      expect(refused.status, String(bytes)).toBe(413);
      expect((refused.body as ErrorBody).error).toEqual({
        code: "avatar_too_large",
        message: "The picture is larger than 8 MB. Choose a smaller PNG or JPG file.",
      });
    }
  });

  it("lets admins and the agent's supervisors change it, nobody else", async () => {
    const agent = await testServer.signedIn("agent");
    const colleague = await testServer.signedIn("agent");
    const supervisor = await testServer.signedIn("supervisor");
    const admin = await testServer.signedIn("admin");
    expect((await upload(colleague.client, agent.created.user.id, PNG)).status).toBe(404);
    expect((await upload(supervisor.client, agent.created.user.id, PNG)).status).toBe(404);
    await shareQueue(testServer.database.db, supervisor.created.user.id, agent.created.user.id);
    expect((await upload(supervisor.client, agent.created.user.id, PNG)).status).toBe(200);
    expect((await colleague.client.delete<ErrorBody>(`/api/v1/users/${agent.created.user.id}/avatar`)).status).toBe(404);
    expect((await admin.client.delete(`/api/v1/users/${agent.created.user.id}/avatar`)).status).toBe(204);
    expect((await fetch(avatarUrl(agent.created.user.id), { headers: { cookie: agent.client.cookie ?? "" } })).status).toBe(404);
    const twice = await agent.client.delete<ErrorBody>(`/api/v1/users/${agent.created.user.id}/avatar`);
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe("avatar_not_found");
  });
});
