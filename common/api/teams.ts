import { z } from "zod";
import { userIdSchema } from "../domain/ids.ts";
import {
  createMemberGroupRequestSchema,
  groupMemberSchema,
  memberGroupSchema,
  memberIdsSchema,
  teamIdSchema,
  teamRoleSchema,
} from "./groups.ts";

// product.md, People, roles, licences: "Team membership has a role: member or supervisor".
export const teamSchema = memberGroupSchema
  .extend({ id: teamIdSchema, supervisorCount: z.int() })
  .meta({ id: "Team" });
export type Team = z.infer<typeof teamSchema>;

export const teamMemberSchema = groupMemberSchema.extend({ teamRole: teamRoleSchema }).meta({ id: "TeamMember" });
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const createTeamRequestSchema = createMemberGroupRequestSchema;
export type CreateTeamRequest = z.infer<typeof createTeamRequestSchema>;
export const updateTeamRequestSchema = createTeamRequestSchema.partial();
export type UpdateTeamRequest = z.infer<typeof updateTeamRequestSchema>;

/** Adds one or many agents with one role; those already in the team keep theirs. */
export const addTeamMembersRequestSchema = z.object({
  userIds: memberIdsSchema,
  role: teamRoleSchema.default("member"),
});
export type AddTeamMembersRequest = z.input<typeof addTeamMembersRequestSchema>;

export const changeTeamRoleRequestSchema = z.object({ role: teamRoleSchema });
export type ChangeTeamRoleRequest = z.infer<typeof changeTeamRoleRequestSchema>;

export const teamParamsSchema = z.object({ teamId: teamIdSchema });
export const teamMemberParamsSchema = teamParamsSchema.extend({ userId: userIdSchema });
