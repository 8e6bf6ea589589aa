import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import { roleSchema } from "../domain/roles.ts";
import { paginationQuerySchema } from "./pagination.ts";

// What teams, queues, campaigns and lists have in common: a unique name (ignoring case), a description and
// agents as members (product.md, The agent record: "Teams, queues (per channel), campaigns and lists").

export const teamIdSchema = z.uuid("teamId: a team id").brand<"TeamId">();
export type TeamId = z.infer<typeof teamIdSchema>;
export const queueIdSchema = z.uuid("queueId: a queue id").brand<"QueueId">();
export type QueueId = z.infer<typeof queueIdSchema>;
export const campaignIdSchema = z.uuid("campaignId: a campaign id").brand<"CampaignId">();
export type CampaignId = z.infer<typeof campaignIdSchema>;
export const listIdSchema = z.uuid("listId: a list id").brand<"ListId">();
export type ListId = z.infer<typeof listIdSchema>;

export const GROUP_NAME_MAX = 100;
export const GROUP_DESCRIPTION_MAX = 500;

export const groupNameSchema = z
  .string("name: required")
  .trim()
  .min(1, "name: required")
  .max(GROUP_NAME_MAX, `name: at most ${GROUP_NAME_MAX} characters`);

/** An empty description is stored as none. */
export const groupDescriptionSchema = z
  .string("description: text")
  .trim()
  .max(GROUP_DESCRIPTION_MAX, `description: at most ${GROUP_DESCRIPTION_MAX} characters`)
  .nullable();

export const searchSchema = z.string().trim().max(100, "search: at most 100 characters").optional();

/** `?page=1&pageSize=25&search=sales`: search matches the name, ignoring case. */
export const groupListQuerySchema = paginationQuerySchema.extend({ search: searchSchema });
export type GroupListQuery = z.infer<typeof groupListQuerySchema>;

/** `?search=` matches a member's full name or username. */
export const memberListQuerySchema = paginationQuerySchema.extend({ search: searchSchema });
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

/** One or many agents at once (product.md: add and remove one or many). */
export const MEMBERS_PER_CALL_MAX = 500;
export const memberIdsSchema = z
  .array(userIdSchema, "userIds: a list of user ids")
  .min(1, "userIds: at least one")
  .max(MEMBERS_PER_CALL_MAX, `userIds: at most ${MEMBERS_PER_CALL_MAX}`);

export const memberIdsRequestSchema = z.object({ userIds: memberIdsSchema });
export type MemberIdsRequest = z.infer<typeof memberIdsRequestSchema>;

export const groupMemberSchema = z
  .object({
    id: userIdSchema,
    username: z.string(),
    fullName: z.string(),
    role: roleSchema,
    addedAt: z.iso.datetime(),
  })
  .meta({ id: "GroupMember" });
export type GroupMember = z.infer<typeof groupMemberSchema>;

/** A campaign or a list: the groups that have nothing but a name, a description and agents. */
export const memberGroupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  memberCount: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const campaignSchema = memberGroupSchema.extend({ id: campaignIdSchema }).meta({ id: "Campaign" });
export type Campaign = z.infer<typeof campaignSchema>;
export const listSchema = memberGroupSchema.extend({ id: listIdSchema }).meta({ id: "List" });
export type List = z.infer<typeof listSchema>;

export const createMemberGroupRequestSchema = z.object({
  name: groupNameSchema,
  description: groupDescriptionSchema.optional(),
});
export type CreateMemberGroupRequest = z.infer<typeof createMemberGroupRequestSchema>;

export const updateMemberGroupRequestSchema = createMemberGroupRequestSchema.partial();
export type UpdateMemberGroupRequest = z.infer<typeof updateMemberGroupRequestSchema>;

export const campaignParamsSchema = z.object({ campaignId: campaignIdSchema });
export const campaignMemberParamsSchema = campaignParamsSchema.extend({ userId: userIdSchema });
export const listParamsSchema = z.object({ listId: listIdSchema });
export const listMemberParamsSchema = listParamsSchema.extend({ userId: userIdSchema });

// The agent page's "Teams & queues" tab: everything an agent belongs to (product.md, The agent record).
export const TEAM_ROLES = ["member", "supervisor"] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES, "role: member or supervisor");
export type TeamRole = z.infer<typeof teamRoleSchema>;

export const agentMembershipsSchema = z
  .object({
    agentId: userIdSchema,
    teams: z.array(z.object({ id: teamIdSchema, name: z.string(), role: teamRoleSchema })),
    /** Sorted by channel, then name. */
    queues: z.array(z.object({ id: queueIdSchema, name: z.string(), channel: channelSchema })),
    campaigns: z.array(z.object({ id: campaignIdSchema, name: z.string() })),
    lists: z.array(z.object({ id: listIdSchema, name: z.string() })),
  })
  .meta({ id: "AgentMemberships" });
export type AgentMemberships = z.infer<typeof agentMembershipsSchema>;

export const GROUP_KINDS = ["team", "queue", "campaign", "list"] as const;
export const groupKindSchema = z.enum(GROUP_KINDS);
export type GroupKind = z.infer<typeof groupKindSchema>;

/** What changed for the agent, so a desktop can say so; `memberships` is the new state. */
export const membershipChangeSchema = z.object({
  kind: groupKindSchema,
  action: z.enum(["added", "removed", "role_changed"]),
  groups: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type MembershipChange = z.infer<typeof membershipChangeSchema>;

export const agentParamsSchema = z.object({ agentId: userIdSchema });
