import { z } from "zod";
import { queueIdSchema } from "./groups.ts";
import { entryPointIdSchema, interactionIdSchema } from "./interactions.ts";

// Issue 4, Voice: media stays outside Switchboard. The phone system (PBX) reports each call's life to
// POST /api/v1/telephony/events with an admin's API token; Switchboard sets the agent on-call, occupies
// their voice capacity and writes the queue report like any channel.

export const TELEPHONY_EVENT_TYPES = ["call.offered", "call.answered", "call.ended"] as const;
export type TelephonyEventType = (typeof TELEPHONY_EVENT_TYPES)[number];

const callIdSchema = z.string("callId: the phone system's call id").trim().min(1, "callId: required").max(200, "callId: at most 200 characters");
// The same brand as userIdSchema, with a message naming the field.
const agentIdSchema = z.uuid("agentId: an agent id").brand<"UserId">();

export const callOfferedEventSchema = z.object({
  type: z.literal("call.offered"),
  callId: callIdSchema,
  agentId: agentIdSchema,
  /** The caller's number or SIP address. */
  from: z.string("from: the caller's number").trim().min(1, "from: required").max(200, "from: at most 200 characters"),
  entryPointId: entryPointIdSchema.optional(),
  queueId: queueIdSchema.optional(),
});

export const callAnsweredEventSchema = z.object({ type: z.literal("call.answered"), callId: callIdSchema, agentId: agentIdSchema });

export const callEndedEventSchema = z.object({ type: z.literal("call.ended"), callId: callIdSchema });

export const telephonyEventSchema = z.discriminatedUnion("type", [callOfferedEventSchema, callAnsweredEventSchema, callEndedEventSchema], {
  error: `type: one of ${TELEPHONY_EVENT_TYPES.join(", ")}`,
});
export type TelephonyEvent = z.infer<typeof telephonyEventSchema>;

/** `duplicate`: the same call id and type was already received; nothing changed this time. */
export const telephonyEventResultSchema = z
  .object({
    callId: z.string(),
    type: z.enum(TELEPHONY_EVENT_TYPES),
    interactionId: interactionIdSchema.nullable(),
    duplicate: z.boolean(),
  })
  .meta({ id: "TelephonyEventResult" });
export type TelephonyEventResult = z.infer<typeof telephonyEventResultSchema>;
