import { randomBytes } from "node:crypto";
import type { Campaign, List } from "../../common/api/groups.ts";
import type { CreateQueueRequest, Queue } from "../../common/api/queues.ts";
import type { Team } from "../../common/api/teams.ts";
import type { TestClient, TestResponse } from "./http-client.ts";

// Teams, queues, campaigns and lists created through the API as an admin, with names unique per call.

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString("hex")}`;
}

function created<Body>(response: TestResponse<Body>, what: string): Body {
  if (response.status !== 201) {
    throw new Error(`creating ${what} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function createTeam(admin: TestClient, name = uniqueName("Team")): Promise<Team> {
  return created(await admin.post<Team>("/api/v1/teams", { name }), "a team");
}

export async function createQueue(admin: TestClient, request: Partial<CreateQueueRequest> = {}): Promise<Queue> {
  return created(await admin.post<Queue>("/api/v1/queues", { name: uniqueName("Queue"), channel: "voice", ...request }), "a queue");
}

export async function createCampaign(admin: TestClient, name = uniqueName("Campaign")): Promise<Campaign> {
  return created(await admin.post<Campaign>("/api/v1/campaigns", { name }), "a campaign");
}

export async function createList(admin: TestClient, name = uniqueName("List")): Promise<List> {
  return created(await admin.post<List>("/api/v1/lists", { name }), "a list");
}

/** Adds users to a queue as an admin; a supervisor added this way is "enabled on" the queue. */
export async function addToQueue(admin: TestClient, queueId: string, userIds: string[]): Promise<void> {
  const response = await admin.post(`/api/v1/queues/${queueId}/members`, { userIds });
  if (response.status !== 200) {
    throw new Error(`adding to a queue failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
