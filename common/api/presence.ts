import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import { presenceStatusSchema } from "../domain/presence.ts";

export const customStatusIdSchema = z.uuid("customStatusId: a custom status id").brand<"CustomStatusId">();

/** Break, Lunch, Restroom…: admin-defined, each saying whether it pauses routing (product.md, Presence). */
export const customStatusSchema = z
  .object({ id: customStatusIdSchema, name: z.string(), pausesRouting: z.boolean(), position: z.int() })
  .meta({ id: "CustomStatus" });
export type CustomStatus = z.infer<typeof customStatusSchema>;

const customStatusNameSchema = z.string("name: text").trim().min(1, "name: required").max(60, "name: at most 60 characters");
export const createCustomStatusRequestSchema = z.object({
  name: customStatusNameSchema,
  pausesRouting: z.boolean("pausesRouting: true or false").default(true),
  position: z.int("position: a whole number").min(0, "position: at least 0").max(1000, "position: at most 1000").optional(),
});
export const updateCustomStatusRequestSchema = createCustomStatusRequestSchema.partial();

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
