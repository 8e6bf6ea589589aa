import type { CoachingTargetInput, RecipientsPreview, SentCoachingMessage } from "../../../common/api/coaching.ts";
import type { ErrorBody } from "../../../common/api/errors.ts";
import type { TestClient, TestResponse } from "../../test/http-client.ts";
import type { TestSocket } from "../../test/socket-client.ts";
import type { TestServer } from "../../test/test-server.ts";
import { openDesktop } from "../presence/presence-events.test-support.ts";

// Shared by the coaching tests: agents at their desktops, groups staffed through the admin API, sending.

export interface DesktopAgent {
  id: string;
  client: TestClient;
  socket: TestSocket;
  fullName: string;
}

export function expectStatus<Body>(response: TestResponse<Body | ErrorBody>, status: number, what: string): Body {
  if (response.status !== status) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as Body;
}

/** A fresh agent signed in, without a desktop open (offline). */
export async function signedInAgent(testServer: TestServer): Promise<{ id: string; client: TestClient; fullName: string }> {
  const { client, created } = await testServer.signedIn("agent");
  return { id: created.user.id, client, fullName: created.user.fullName };
}

/** A fresh agent whose desktop is open: connected and ready. */
export async function agentAtDesktop(testServer: TestServer, sockets: TestSocket[]): Promise<DesktopAgent> {
  const agent = await signedInAgent(testServer);
  const { socket } = await openDesktop(testServer.url, agent.client, agent.id);
  sockets.push(socket);
  return { ...agent, socket };
}

/** Adds users to a team, queue, campaign or list as an admin (`/api/v1/teams/<id>`, …). */
export async function addMembers(admin: TestClient, groupPath: string, userIds: string[]): Promise<void> {
  expectStatus(await admin.post(`${groupPath}/members`, { userIds }), 200, `adding members to ${groupPath}`);
}

export async function send(client: TestClient, body: string, target: CoachingTargetInput): Promise<TestResponse<SentCoachingMessage | ErrorBody>> {
  return client.post<SentCoachingMessage | ErrorBody>("/api/v1/coaching/messages", { body, target });
}

export async function sent(client: TestClient, body: string, target: CoachingTargetInput): Promise<SentCoachingMessage> {
  return expectStatus<SentCoachingMessage>(await send(client, body, target), 201, "sending a coaching message");
}

export async function preview(client: TestClient, target: CoachingTargetInput): Promise<TestResponse<RecipientsPreview | ErrorBody>> {
  return client.post<RecipientsPreview | ErrorBody>("/api/v1/coaching/recipients/preview", { target });
}
