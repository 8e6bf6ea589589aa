import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import {
  groupDescriptionSchema,
  groupListQuerySchema,
  groupNameSchema,
  memberGroupSchema,
  queueIdSchema,
} from "./groups.ts";

// product.md, Routing: "ring-all" alerts every eligible member; the others offer to one agent at a time,
// with an offer timeout before trying the next.
export const QUEUE_STRATEGIES = ["ring-all", "longest-idle", "round-robin", "least-occupied"] as const;
export const queueStrategySchema = z.enum(QUEUE_STRATEGIES, `strategy: one of ${QUEUE_STRATEGIES.join(", ")}`);
export type QueueStrategy = z.infer<typeof queueStrategySchema>;

export const ONE_AT_A_TIME_STRATEGIES: readonly QueueStrategy[] = ["longest-idle", "round-robin", "least-occupied"];

// 14 days: the longest an interaction waits (seed 003: an SMS alerts the queue for up to 14 days).
export const QUEUE_TIMEOUT_MAX_SECONDS = 14 * 24 * 60 * 60;
export const OFFER_TIMEOUT_MAX_SECONDS = 3600;

export const queueTimeoutSchema = z
  .int("timeoutSeconds: a whole number of seconds")
  .min(1, "timeoutSeconds: at least 1")
  .max(QUEUE_TIMEOUT_MAX_SECONDS, `timeoutSeconds: at most ${QUEUE_TIMEOUT_MAX_SECONDS} (14 days)`);
export const offerTimeoutSchema = z
  .int("offerTimeoutSeconds: a whole number of seconds")
  .min(1, "offerTimeoutSeconds: at least 1")
  .max(OFFER_TIMEOUT_MAX_SECONDS, `offerTimeoutSeconds: at most ${OFFER_TIMEOUT_MAX_SECONDS}`);

export const queueSchema = memberGroupSchema
  .extend({
    id: queueIdSchema,
    channel: channelSchema,
    strategy: queueStrategySchema,
    timeoutSeconds: z.int(),
    offerTimeoutSeconds: z.int(),
  })
  .meta({ id: "Queue" });
export type Queue = z.infer<typeof queueSchema>;

export const QUEUE_DEFAULTS = { strategy: "ring-all", timeoutSeconds: 300, offerTimeoutSeconds: 20 } as const;

export const createQueueRequestSchema = z.object({
  name: groupNameSchema,
  channel: channelSchema,
  strategy: queueStrategySchema.default(QUEUE_DEFAULTS.strategy),
  timeoutSeconds: queueTimeoutSchema.default(QUEUE_DEFAULTS.timeoutSeconds),
  offerTimeoutSeconds: offerTimeoutSchema.default(QUEUE_DEFAULTS.offerTimeoutSeconds),
  description: groupDescriptionSchema.optional(),
});
export type CreateQueueRequest = z.input<typeof createQueueRequestSchema>;
/** The request once its defaults are filled in. */
export type CreateQueueFields = z.output<typeof createQueueRequestSchema>;

export const updateQueueRequestSchema = z.object({
  name: groupNameSchema.optional(),
  channel: channelSchema.optional(),
  strategy: queueStrategySchema.optional(),
  timeoutSeconds: queueTimeoutSchema.optional(),
  offerTimeoutSeconds: offerTimeoutSchema.optional(),
  description: groupDescriptionSchema.optional(),
});
export type UpdateQueueRequest = z.infer<typeof updateQueueRequestSchema>;

/** `?channel=voice` keeps the queues of one channel. */
export const queueListQuerySchema = groupListQuerySchema.extend({ channel: channelSchema.optional() });
export type QueueListQuery = z.infer<typeof queueListQuerySchema>;

export const queueParamsSchema = z.object({ queueId: queueIdSchema });
export const queueMemberParamsSchema = queueParamsSchema.extend({ userId: userIdSchema });
export const agentQueueParamsSchema = z.object({ agentId: userIdSchema, queueId: queueIdSchema });

// Seed 002: "click on the queue name" adds one queue; another button adds ALL the queues of a channel.
export const addAgentToQueuesRequestSchema = z
  .object({
    queueIds: z
      .array(queueIdSchema, "queueIds: a list of queue ids")
      .min(1, "queueIds: at least one")
      .max(500, "queueIds: at most 500")
      .optional(),
    channel: channelSchema.optional(),
  })
  .refine((request) => (request.queueIds === undefined) !== (request.channel === undefined), {
    message: "queueIds: give either queueIds or a channel",
    path: ["queueIds"],
  });
export type AddAgentToQueuesRequest = z.infer<typeof addAgentToQueuesRequestSchema>;

/** The queues the agent was added to; those they already belonged to are not listed. */
export const agentQueuesAddedSchema = z
  .object({ added: z.array(z.object({ id: queueIdSchema, name: z.string(), channel: channelSchema })) })
  .meta({ id: "AgentQueuesAdded" });
export type AgentQueuesAdded = z.infer<typeof agentQueuesAddedSchema>;
