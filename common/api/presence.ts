import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import { presenceStatusSchema } from "../domain/presence.ts";
import { openInteractionDispositionSchema } from "./interactions.ts";

export const customStatusIdSchema = z.uuid("customStatusId: a custom status id").brand<"CustomStatusId">();
export type CustomStatusId = z.infer<typeof customStatusIdSchema>;

/** Break, Lunch, Restroom…: admin-defined, each saying whether it pauses routing (product.md, Presence). */
export const customStatusSchema = z
  .object({ id: customStatusIdSchema, name: z.string(), pausesRouting: z.boolean(), position: z.int() })
  .meta({ id: "CustomStatus" });
export type CustomStatus = z.infer<typeof customStatusSchema>;

const customStatusNameSchema = z.string("name: text").trim().min(1, "name: required").max(60, "name: at most 60 characters");
const pausesRoutingSchema = z.boolean("pausesRouting: true or false");
const positionSchema = z.int("position: a whole number").min(0, "position: at least 0").max(1000, "position: at most 1000");
export const createCustomStatusRequestSchema = z.object({
  name: customStatusNameSchema,
  pausesRouting: pausesRoutingSchema.default(true),
  position: positionSchema.optional(),
});
// Not `create….partial()`: the default would turn a rename into "pauses routing" again.
export const updateCustomStatusRequestSchema = z.object({
  name: customStatusNameSchema.optional(),
  pausesRouting: pausesRoutingSchema.optional(),
  position: positionSchema.optional(),
});

/** An agent's presence: their status, whether their desktop holds a live connection, and per-channel pause. */
export const presenceSchema = z
  .object({
    agentId: userIdSchema,
    status: presenceStatusSchema,
    customStatus: customStatusSchema.nullable(),
    statusSince: z.iso.datetime({ offset: true }),
    connected: z.boolean(),
    pausedChannels: z.array(channelSchema),
  })
  .meta({ id: "Presence" });
export type Presence = z.infer<typeof presenceSchema>;

export const setStatusRequestSchema = z
  .object({
    status: z.enum(["ready", "custom"], "status: ready or custom"),
    customStatusId: customStatusIdSchema.optional(),
  })
  .refine((request) => request.status !== "custom" || request.customStatusId !== undefined, {
    message: "customStatusId: required for a custom status",
    path: ["customStatusId"],
  });
export type SetStatusRequest = z.infer<typeof setStatusRequestSchema>;

export const setChannelPauseRequestSchema = z.object({ paused: z.boolean("paused: true or false") });

export const customStatusListSchema = z.object({ items: z.array(customStatusSchema) }).meta({ id: "CustomStatusList" });
export type CreateCustomStatusRequest = z.infer<typeof createCustomStatusRequestSchema>;
export type UpdateCustomStatusRequest = z.infer<typeof updateCustomStatusRequestSchema>;
export const customStatusParamsSchema = z.object({ customStatusId: customStatusIdSchema });

export const presenceAgentParamsSchema = z.object({ agentId: userIdSchema });
export const channelPauseParamsSchema = z.object({ channel: channelSchema });

/** Signing out with open interactions asks what to do with them (product.md, Presence). */
export const signOutRequestSchema = z.object({ openInteractions: openInteractionDispositionSchema.optional() });
export type SignOutRequest = z.infer<typeof signOutRequestSchema>;
