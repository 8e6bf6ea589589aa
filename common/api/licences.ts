import { z } from "zod";
import { SELF_SERVICE_REASONS } from "../domain/licences.ts";
import { userIdSchema } from "../domain/ids.ts";

export const agentLicencesSchema = z
  .object({
    agentId: userIdSchema,
    moments: z.boolean(),
    administration: z.boolean(),
    // Computed, never stored: it follows the licences and the agent's team roles as they change.
    momentsSelfService: z.object({
      allowed: z.boolean(),
      reasons: z.array(z.object({ code: z.enum(SELF_SERVICE_REASONS), message: z.string() })),
    }),
  })
  .meta({ id: "AgentLicences" });
export type AgentLicences = z.infer<typeof agentLicencesSchema>;

export const updateAgentLicencesRequestSchema = z.object({
  moments: z.boolean("moments: true or false").optional(),
  administration: z.boolean("administration: true or false").optional(),
});
export type UpdateAgentLicencesRequest = z.infer<typeof updateAgentLicencesRequestSchema>;
