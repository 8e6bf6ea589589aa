import { z } from "zod";
import {
  agentMembershipsSchema,
  campaignSchema,
  groupMemberSchema,
  listSchema,
  type AgentMemberships,
  type CreateMemberGroupRequest,
  type GroupMember,
  type TeamRole,
  type UpdateMemberGroupRequest,
} from "../../common/api/groups.ts";
import { pageSchema, type Page } from "../../common/api/pagination.ts";
import {
  agentQueuesAddedSchema,
  queueSchema,
  type AgentQueuesAdded,
  type CreateQueueRequest,
  type Queue,
  type UpdateQueueRequest,
} from "../../common/api/queues.ts";
import { teamMemberSchema, teamSchema, type Team, type TeamMember } from "../../common/api/teams.ts";
import type { Channel } from "../../common/domain/channels.ts";
import { userIdSchema } from "../../common/domain/ids.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

// Teams, queues, campaigns and lists and their members (issue 3, item 2).

export type GroupKind = "team" | "queue" | "campaign" | "list";

/** The common shape of the four kinds, as the pages use it. */
export type AnyGroup = Team | Queue | z.infer<typeof campaignSchema> | z.infer<typeof listSchema>;

const groupSchemas = { team: teamSchema, queue: queueSchema, campaign: campaignSchema, list: listSchema } as const;
const memberSchemas = { team: teamMemberSchema, queue: groupMemberSchema, campaign: groupMemberSchema, list: groupMemberSchema } as const;

export interface ListParams {
  page: number;
  pageSize: number;
  search?: string | undefined;
  channel?: Channel | undefined;
}

export const groupQueryKeys = {
  all: ["groups"] as const,
  kind: (kind: GroupKind) => ["groups", kind] as const,
  list: (kind: GroupKind, params: ListParams) => ["groups", kind, "list", params] as const,
  detail: (kind: GroupKind, groupId: string) => ["groups", kind, "detail", groupId] as const,
  members: (kind: GroupKind, groupId: string, params: ListParams) => ["groups", kind, "members", groupId, params] as const,
  memberships: (agentId: string) => ["groups", "memberships", agentId] as const,
  agentSearch: (search: string) => ["groups", "agent-search", search] as const,
};

function basePath(kind: GroupKind): string {
  return `/api/v1/${kind}s`;
}

function groupPath(kind: GroupKind, groupId: string): string {
  return `${basePath(kind)}/${encodeURIComponent(groupId)}`;
}

function queryString(params: ListParams): string {
  const query = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize) });
  if (params.search) {
    query.set("search", params.search);
  }
  if (params.channel) {
    query.set("channel", params.channel);
  }
  return query.toString();
}

export async function listGroups(kind: GroupKind, params: ListParams): Promise<Page<AnyGroup>> {
  return requestJson(`${basePath(kind)}?${queryString(params)}`, pageSchema(groupSchemas[kind]));
}

export async function listQueues(params: ListParams): Promise<Page<Queue>> {
  return requestJson(`${basePath("queue")}?${queryString(params)}`, pageSchema(queueSchema));
}

export async function fetchGroup(kind: GroupKind, groupId: string): Promise<AnyGroup> {
  return requestJson(groupPath(kind, groupId), groupSchemas[kind]);
}

export type SaveGroupRequest = CreateMemberGroupRequest | UpdateMemberGroupRequest | CreateQueueRequest | UpdateQueueRequest;

export async function createGroup(kind: GroupKind, request: SaveGroupRequest): Promise<AnyGroup> {
  return requestJson(basePath(kind), groupSchemas[kind], { method: "POST", body: request });
}

export async function updateGroup(kind: GroupKind, groupId: string, request: SaveGroupRequest): Promise<AnyGroup> {
  return requestJson(groupPath(kind, groupId), groupSchemas[kind], { method: "PATCH", body: request });
}

export async function deleteGroup(kind: GroupKind, groupId: string): Promise<void> {
  await requestWithoutContent(groupPath(kind, groupId), { method: "DELETE" });
}

export async function listMembers(kind: GroupKind, groupId: string, params: ListParams): Promise<Page<GroupMember | TeamMember>> {
  return requestJson(`${groupPath(kind, groupId)}/members?${queryString(params)}`, pageSchema(memberSchemas[kind]));
}

/** `role` only for teams. */
export async function addMembers(kind: GroupKind, groupId: string, userIds: string[], role?: TeamRole): Promise<AnyGroup> {
  return requestJson(`${groupPath(kind, groupId)}/members`, groupSchemas[kind], { method: "POST", body: role ? { userIds, role } : { userIds } });
}

export async function removeMember(kind: GroupKind, groupId: string, userId: string): Promise<void> {
  await requestWithoutContent(`${groupPath(kind, groupId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
}

export async function changeTeamRole(teamId: string, userId: string, role: TeamRole): Promise<Team> {
  return requestJson(`${groupPath("team", teamId)}/members/${encodeURIComponent(userId)}`, teamSchema, { method: "PATCH", body: { role } });
}

export async function fetchAgentMemberships(agentId: string): Promise<AgentMemberships> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/memberships`, agentMembershipsSchema);
}

export async function addAgentToQueues(agentId: string, request: { queueIds: string[] } | { channel: Channel }): Promise<AgentQueuesAdded> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}/queues`, agentQueuesAddedSchema, { method: "POST", body: request });
}

export async function removeAgentFromQueue(agentId: string, queueId: string): Promise<void> {
  await requestWithoutContent(`/api/v1/agents/${encodeURIComponent(agentId)}/queues/${encodeURIComponent(queueId)}`, { method: "DELETE" });
}

// The agents list (GET /api/v1/agents?search=): only the fields the member picker shows.
const agentChoiceSchema = z.object({ id: userIdSchema, fullName: z.string(), username: z.string() });
export type AgentChoice = z.infer<typeof agentChoiceSchema>;

export async function searchAgents(search: string): Promise<Page<AgentChoice>> {
  const query = new URLSearchParams({ page: "1", pageSize: "20" });
  if (search) {
    query.set("search", search);
  }
  return requestJson(`/api/v1/agents?${query.toString()}`, pageSchema(agentChoiceSchema));
}
