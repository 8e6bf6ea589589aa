import { z } from "zod";
import {
  agentTelephonySchema,
  extensionSchema,
  toastPositionSchema,
  typologySchema,
  typologySettingsSchemas,
  voiceSettingsSchemaFor,
  type Typology,
} from "../domain/agent-record.ts";
import { usernameSchema } from "../domain/username.ts";
import { paginationQuerySchema } from "./pagination.ts";

// The agents API (product.md, The agent record): agents are users with the agent role.

export const agentIdSchema = z.uuid("agentId: an agent id").brand<"UserId">();
export const agentParamsSchema = z.object({ agentId: agentIdSchema });
// In a list the error names the position: "agentIds.2: not an agent id".
const listedAgentIdSchema = z.uuid("not an agent id").brand<"UserId">();

export const AGENT_STATUSES = ["active", "disabled", "locked"] as const;
export const agentStatusSchema = z.enum(AGENT_STATUSES, `status: one of ${AGENT_STATUSES.join(", ")}`);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const agentSummarySchema = z
  .object({
    id: agentIdSchema,
    username: z.string(),
    fullName: z.string(),
    alias: z.string().nullable(),
    email: z.string().nullable(),
    extension: z.string().nullable(),
    typology: typologySchema,
    /** locked wins over disabled: an admin must unlock before the account works again. */
    status: agentStatusSchema,
    disabled: z.boolean(),
    locked: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AgentSummary" });
export type AgentSummary = z.infer<typeof agentSummarySchema>;

// The stored telephony as it is answered: the settings of the agent's typology, without re-checking rules.
function storedTelephonyVariant<Name extends Typology>(typology: Name) {
  return z.object({ typology: z.literal(typology), typologySettings: typologySettingsSchemas[typology], voiceSettings: voiceSettingsSchemaFor(typology) });
}
export const storedTelephonySchema = z.discriminatedUnion("typology", [
  storedTelephonyVariant("webrtc"),
  storedTelephonyVariant("phonebar"),
  storedTelephonyVariant("external"),
  storedTelephonyVariant("mobile"),
]);

export const agentSchema = z
  .intersection(
    agentSummarySchema.omit({ typology: true }).extend({
      description: z.string().nullable(),
      loginInPause: z.boolean(),
      maskSensitiveData: z.boolean(),
      toastPosition: toastPositionSchema,
      passwordChangedAt: z.iso.datetime().nullable(),
      lastLoginAt: z.iso.datetime().nullable(),
      updatedAt: z.iso.datetime(),
    }),
    storedTelephonySchema,
  )
  .meta({ id: "Agent" });
export type Agent = z.infer<typeof agentSchema>;

const fullNameSchema = z.string("fullName: required").trim().min(1, "fullName: required").max(200, "fullName: at most 200 characters");
const optionalText = (field: string, max: number) =>
  z
    .string(`${field}: text`)
    .trim()
    .max(max, `${field}: at most ${max} characters`)
    .nullable()
    .transform((value) => (value === "" ? null : value));
const emailSchema = z
  .union([z.email("email: an e-mail address like ada@example.com").max(254, "email: at most 254 characters"), z.literal("")], "email: an e-mail address like ada@example.com")
  .nullable()
  .transform((value) => (value === "" ? null : value));

// Fields of the agent record that are not telephony, as they may be changed.
const agentFieldsSchema = z.object({
  fullName: fullNameSchema,
  username: z.string("username: required").trim().pipe(usernameSchema),
  alias: optionalText("alias", 200),
  email: emailSchema,
  description: optionalText("description", 2000),
  extension: extensionSchema,
  loginInPause: z.boolean("loginInPause: true or false"),
  toastPosition: toastPositionSchema,
});

/** Creating an agent: the password is required; the extension is generated unless given. */
export const createAgentRequestSchema = z.intersection(
  agentFieldsSchema.partial({ alias: true, email: true, description: true, extension: true, loginInPause: true, toastPosition: true }).extend({
    password: z.string("password: required").min(1, "password: required").max(1024, "password: at most 1024 characters"),
  }),
  agentTelephonySchema,
);
export type CreateAgentRequest = z.input<typeof createAgentRequestSchema>;
export type CreateAgentCommand = z.output<typeof createAgentRequestSchema>;

/**
 * Changing an agent: any subset of the fields. `typologySettings` and `voiceSettings` are merged into the
 * stored ones (or the defaults, when the typology changes) and then checked whole with the typology's rules.
 */
export const updateAgentRequestSchema = agentFieldsSchema.partial().extend({
  typology: typologySchema.optional(),
  typologySettings: z.record(z.string(), z.unknown(), "typologySettings: an object of settings").optional(),
  voiceSettings: z.record(z.string(), z.unknown(), "voiceSettings: an object of settings").optional(),
});
export type UpdateAgentRequest = z.input<typeof updateAgentRequestSchema>;
export type UpdateAgentCommand = z.output<typeof updateAgentRequestSchema>;

export const setAgentPasswordRequestSchema = z.object({
  password: z.string("password: required").max(1024, "password: at most 1024 characters"),
});
export type SetAgentPasswordRequest = z.infer<typeof setAgentPasswordRequestSchema>;

export const MAX_AGENTS_PER_REQUEST = 500;
export const deleteAgentsRequestSchema = z.object({
  agentIds: z
    .array(listedAgentIdSchema, "agentIds: a list of agent ids")
    .min(1, "agentIds: at least one agent")
    .max(MAX_AGENTS_PER_REQUEST, `agentIds: at most ${MAX_AGENTS_PER_REQUEST} agents`),
});
export type DeleteAgentsRequest = z.input<typeof deleteAgentsRequestSchema>;
export const deletedAgentsSchema = z.object({ deleted: z.int() });

export const AGENT_SORTS = ["fullName", "username", "extension", "createdAt"] as const;
export const agentFiltersSchema = z.object({
  search: z.string().trim().max(100, "search: at most 100 characters").optional(),
  teamId: z.uuid("teamId: a team id").optional(),
  queueId: z.uuid("queueId: a queue id").optional(),
  typology: typologySchema.optional(),
  status: agentStatusSchema.optional(),
});
export type AgentFilters = z.infer<typeof agentFiltersSchema>;

export const listAgentsQuerySchema = paginationQuerySchema.extend(agentFiltersSchema.shape).extend({
  sort: z.enum(AGENT_SORTS, `sort: one of ${AGENT_SORTS.join(", ")}`).default("fullName"),
  order: z.enum(["asc", "desc"], "order: asc or desc").default("asc"),
});
export type ListAgentsQuery = z.infer<typeof listAgentsQuerySchema>;
export type ListAgentsParams = z.input<typeof listAgentsQuerySchema>;

// A URL carries a few hundred ids at most; beyond that, export everything that matches the filters.
export const MAX_EXPORT_IDS = 200;
const agentIdListSchema = z
  .union([z.string(), z.array(z.string())], "agentIds: agent ids separated by commas")
  .transform((value) => [value].flat().flatMap((part) => part.split(",")).map((part) => part.trim()).filter((part) => part !== ""))
  .pipe(
    z
      .array(listedAgentIdSchema)
      .min(1, "agentIds: at least one agent")
      .max(MAX_EXPORT_IDS, `agentIds: at most ${MAX_EXPORT_IDS}; export all matching agents instead`),
  );

/** Export the selected agents (`agentIds`), or, without it, every agent matching the list's filters. */
export const exportAgentsQuerySchema = agentFiltersSchema.extend({ agentIds: agentIdListSchema.optional() });
export type ExportAgentsQuery = z.infer<typeof exportAgentsQuerySchema>;
export type ExportAgentsParams = z.input<typeof exportAgentsQuerySchema>;
