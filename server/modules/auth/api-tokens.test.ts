import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiToken, CreatedApiToken, SessionResponse } from "../../../common/api/auth.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import { TestClient } from "../../test/http-client.ts";
import { startTestServer, type TestServer } from "../../test/test-server.ts";

describe("API tokens for integrations", () => {
  let testServer: TestServer;

  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer.close();
  });

  it("shows the secret once, stores only its hash, and authenticates as its owner", async () => {
    const { client, created } = await testServer.signedIn("supervisor");
    const response = await client.post<CreatedApiToken>("/api/v1/auth/tokens", { name: "CRM sync" });
    expect(response.status).toBe(201);
    const { token, secret } = response.body;
    expect(secret).toMatch(/^sbt_/);
    expect(token).toMatchObject({ name: "CRM sync", prefix: secret.slice(0, 10), lastUsedAt: null, expiresAt: null });

    const listed = await client.get<{ items: ApiToken[] }>("/api/v1/auth/tokens");
    expect(listed.body.items).toEqual([token]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const stored = await testServer.database.db.selectFrom("apiTokens").selectAll().where("id", "=", token.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret);

    const integration = TestClient.withToken(testServer.url, secret);
    const me = await integration.get<SessionResponse>("/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: expect.objectContaining({ id: created.user.id, role: "supervisor" }), csrfToken: null });
    // A token is sent explicitly, so writes need no CSRF header.
    expect((await integration.post("/api/v1/auth/tokens", { name: "second" })).status).toBe(201);
  });

  it("stops working once revoked, and only its owner can revoke it", async () => {
    const owner = await testServer.signedIn("agent");
    const stranger = await testServer.signedIn("agent");
    const { body } = await owner.client.post<CreatedApiToken>("/api/v1/auth/tokens", { name: "desk phone" });

    const byStranger = await stranger.client.delete<ErrorBody>(`/api/v1/auth/tokens/${body.token.id}`);
    expect(byStranger.status).toBe(404);
    expect((await stranger.client.get<{ items: ApiToken[] }>("/api/v1/auth/tokens")).body.items).toEqual([]);
    expect((await TestClient.withToken(testServer.url, body.secret).get("/api/v1/auth/me")).status).toBe(200);

    expect((await owner.client.delete(`/api/v1/auth/tokens/${body.token.id}`)).status).toBe(204);
    expect((await TestClient.withToken(testServer.url, body.secret).get("/api/v1/auth/me")).status).toBe(401);
    expect((await owner.client.delete(`/api/v1/auth/tokens/${body.token.id}`)).status).toBe(404);
  });

  it("refuses a made-up token and names bad input", async () => {
    expect((await TestClient.withToken(testServer.url, "sbt_made-up").get("/api/v1/auth/me")).status).toBe(401);
    const { client } = await testServer.signedIn("agent");
    const empty = await client.post<ErrorBody>("/api/v1/auth/tokens", { name: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^name: /);
    const badExpiry = await client.post<ErrorBody>("/api/v1/auth/tokens", { name: "x", expiresInDays: 1.5 });
    expect(badExpiry.status).toBe(400);
    expect(badExpiry.body.error.message).toMatch(/^expiresInDays: /);
    const badId = await client.delete<ErrorBody>("/api/v1/auth/tokens/not-a-uuid");
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^tokenId: /);
  });
});
