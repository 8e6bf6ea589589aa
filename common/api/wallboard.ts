import { z } from "zod";
import { channelSchema } from "../domain/channels.ts";
import { userIdSchema } from "../domain/ids.ts";
import { presenceStatusSchema } from "../domain/presence.ts";
import { queueIdSchema } from "./groups.ts";
import { queueStrategySchema } from "./queues.ts";

// The supervisor wallboard (issue 4, item 9): live agents with their statuses and loads, queues with their
// waiting counts and longest wait. Admins see everything; a supervisor the agents who share a queue with them
// and the queues they are enabled on.

const timestamp = z.iso.datetime({ offset: true });
const count = z.int().min(0);

export const wallboardQuerySchema = z.object({
  // The start of the viewer's day: the page sends its local midnight, so "today" is the supervisor's today.
  // Without it, the database's current day.
  since: z.iso.datetime({ offset: true, error: "since: a date and time with its offset (ISO 8601)" }).optional(),
});
export type WallboardQuery = z.infer<typeof wallboardQuerySchema>;

/** Active interactions an agent owns on one channel against the capacity that applies (0 = unlimited). */
export const wallboardChannelLoadSchema = z.object({
  channel: channelSchema,
  active: count,
  capacity: count,
});
export type WallboardChannelLoad = z.infer<typeof wallboardChannelLoadSchema>;

export const wallboardAgentSchema = z
  .object({
    id: userIdSchema,
    fullName: z.string(),
    username: z.string(),
    status: presenceStatusSchema,
    /** The custom status's name when `status` is `custom`. */
    customStatusName: z.string().nullable(),
    /** Null for an agent who never opened the desktop. */
    statusSince: timestamp.nullable(),
    /** The desktop holds a live connection (its heartbeat lease has not run out). */
    connected: z.boolean(),
    pausedChannels: z.array(channelSchema),
    /** Every channel the agent may work on (account and agent both have it on), and any they hold work on. */
    load: z.array(wallboardChannelLoadSchema),
    openTabs: count,
    /** The global max open tab limit (0 = unlimited). */
    maxOpenTabs: count,
    pendingOffers: count,
  })
  .meta({ id: "WallboardAgent" });
export type WallboardAgent = z.infer<typeof wallboardAgentSchema>;

export const wallboardQueueSchema = z
  .object({
    id: queueIdSchema,
    name: z.string(),
    channel: channelSchema,
    strategy: queueStrategySchema,
    /** Interactions queued or offered in this queue. */
    waiting: count,
    /** Seconds since the oldest waiting interaction was queued, at `generatedAt`; 0 when none waits. */
    longestWaitSeconds: count,
    offered: count,
    active: count,
    /** Members available for this queue: connected, ready (or a custom status that does not pause routing), not paused on its channel. */
    agentsReady: count,
    /** Queue attempts that ended since the start of the day. */
    today: z.object({ accepted: count, timedOut: count, abandoned: count }),
  })
  .meta({ id: "WallboardQueue" });
export type WallboardQueue = z.infer<typeof wallboardQueueSchema>;

export const wallboardSchema = z
  .object({
    agents: z.array(wallboardAgentSchema),
    queues: z.array(wallboardQueueSchema),
    /** The database's clock when the figures were read: durations on the page count from here. */
    generatedAt: timestamp,
  })
  .meta({ id: "Wallboard" });
export type Wallboard = z.infer<typeof wallboardSchema>;
