import { sql } from "kysely";
import { CHANNELS, type Channel } from "../../../common/domain/channels.ts";
import type { PresenceStatus } from "../../../common/domain/presence.ts";
import type { Executor, Tx } from "../../db/database.ts";
import type { AgentChannelRow } from "../channels/channels.repository.ts";
import type { CustomStatusRow } from "./custom-statuses.repository.ts";

export interface PresenceRow {
  userId: string;
  status: PresenceStatus;
  statusSince: Date;
  connected: boolean;
  customStatus: CustomStatusRow | null;
}

export interface LockedPresence {
  status: PresenceStatus;
  customStatusId: string | null;
  statusBeforeCall: string | null;
  customStatusBeforeCall: string | null;
  connected: boolean;
  loginInPause: boolean;
  /** The connecting session began after the last sign-in: the person signed in again. */
  newSession: boolean;
}

const now = () => sql<Date>`now()`;
/** `now() + n seconds`, the end of a connection lease. */
const secondsFromNow = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

/**
 * The user's presence; a user who never opened the desktop has no row and is offline since their account was
 * created. Answers undefined for no such user.
 */
export async function findPresence(executor: Executor, userId: string): Promise<PresenceRow | undefined> {
  const row = await executor
    .selectFrom("users")
    .leftJoin("agentPresence", "agentPresence.userId", "users.id")
    .leftJoin("customStatuses", "customStatuses.id", "agentPresence.customStatusId")
    .select([
      "users.id as userId",
      sql<PresenceStatus>`coalesce(agent_presence.status, 'offline')`.as("status"),
      sql<Date>`coalesce(agent_presence.status_since, users.created_at)`.as("statusSince"),
      sql<boolean>`coalesce(agent_presence.connected_until > now(), false)`.as("connected"),
      "customStatuses.id as customStatusId",
      "customStatuses.name as customStatusName",
      "customStatuses.pausesRouting as customStatusPausesRouting",
      "customStatuses.position as customStatusPosition",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { customStatusId, customStatusName, customStatusPausesRouting, customStatusPosition, ...presence } = row;
  const customStatus =
    customStatusId !== null && customStatusName !== null && customStatusPausesRouting !== null && customStatusPosition !== null
      ? { id: customStatusId, name: customStatusName, pausesRouting: customStatusPausesRouting, position: customStatusPosition }
      : null;
  return { ...presence, statusSince: new Date(presence.statusSince), customStatus };
}

export async function findPausedChannels(executor: Executor, userId: string): Promise<Channel[]> {
  const rows = await executor.selectFrom("agentChannels").select("channel").where("userId", "=", userId).where("paused", "=", true).execute();
  const paused = new Set(rows.map((row) => row.channel));
  return CHANNELS.filter((channel) => paused.has(channel));
}

/**
 * Creates the user's presence row when missing, then locks it: every presence change goes through this lock.
 * `sessionId`: the session connecting, to tell a new sign-in from a reconnect.
 */
export async function lockPresence(transaction: Tx, userId: string, sessionId?: string): Promise<LockedPresence | undefined> {
  const newSession =
    sessionId === undefined
      ? sql<boolean>`false`
      : sql<boolean>`coalesce((select sessions.created_at > coalesce(agent_presence.signed_in_at, '-infinity') from sessions where sessions.id = ${sessionId}), false)`;
  await transaction.insertInto("agentPresence").values({ userId }).onConflict((conflict) => conflict.column("userId").doNothing()).execute();
  return transaction
    .selectFrom("agentPresence")
    .innerJoin("users", "users.id", "agentPresence.userId")
    .select([
      "agentPresence.status",
      "agentPresence.customStatusId",
      "agentPresence.statusBeforeCall",
      "agentPresence.customStatusBeforeCall",
      sql<boolean>`coalesce(agent_presence.connected_until > now(), false)`.as("connected"),
      "users.loginInPause",
      newSession.as("newSession"),
    ])
    .where("agentPresence.userId", "=", userId)
    .forUpdate(["agentPresence"])
    .executeTakeFirst();
}

/** A new status (and custom status); its start time moves only when it really changes. */
export async function writeStatus(transaction: Tx, userId: string, status: PresenceStatus, customStatusId: string | null, before: LockedPresence): Promise<void> {
  const changed = before.status !== status || before.customStatusId !== customStatusId;
  await transaction
    .updateTable("agentPresence")
    .set({ status, customStatusId, updatedAt: now(), ...(changed ? { statusSince: now() } : {}) })
    .where("userId", "=", userId)
    .execute();
}

/** On a call: remember what to return to. */
export async function writeCallStarted(transaction: Tx, userId: string, before: LockedPresence): Promise<void> {
  await transaction
    .updateTable("agentPresence")
    .set({ status: "on-call", customStatusId: null, statusBeforeCall: before.status, customStatusBeforeCall: before.customStatusId, statusSince: now(), updatedAt: now() })
    .where("userId", "=", userId)
    .execute();
}

export async function writeCallEnded(transaction: Tx, userId: string, status: PresenceStatus, customStatusId: string | null): Promise<void> {
  await transaction
    .updateTable("agentPresence")
    .set({ status, customStatusId, statusBeforeCall: null, customStatusBeforeCall: null, statusSince: now(), updatedAt: now() })
    .where("userId", "=", userId)
    .execute();
}

export async function customStatusExists(executor: Executor, id: string): Promise<boolean> {
  return (await executor.selectFrom("customStatuses").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** A desktop signed in: ready, with a lease, idle from now. */
export async function writeSignedIn(transaction: Tx, userId: string, leaseSeconds: number): Promise<void> {
  await transaction
    .updateTable("agentPresence")
    .set({ status: "ready", customStatusId: null, statusSince: now(), signedInAt: now(), idleSince: now(), connectedUntil: secondsFromNow(leaseSeconds), updatedAt: now() })
    .where("userId", "=", userId)
    .execute();
}

export async function extendLease(executor: Executor, userId: string, leaseSeconds: number): Promise<void> {
  await executor.updateTable("agentPresence").set({ connectedUntil: secondsFromNow(leaseSeconds) }).where("userId", "=", userId).execute();
}

/** The last socket of this process closed: the lease ends after the grace, unless a heartbeat renews it. */
export async function shortenLease(executor: Executor, userId: string, graceSeconds: number): Promise<void> {
  await executor
    .updateTable("agentPresence")
    .set({ connectedUntil: sql<Date>`least(connected_until, now() + make_interval(secs => ${graceSeconds}))` })
    .where("userId", "=", userId)
    .where("connectedUntil", "is not", null)
    .execute();
}

/**
 * One statement for every user connected to this process: their leases move forward. Answers the users whose
 * lease had lapsed (the sweep ended it, or it ran out), who are connected again.
 */
export async function renewLeases(executor: Executor, userIds: readonly string[], leaseSeconds: number): Promise<string[]> {
  if (userIds.length === 0) {
    return [];
  }
  const rows = await executor
    // Locked in user id order, like the router locks agents: the two never wait on each other in a cycle.
    .with("previous", (db) => db.selectFrom("agentPresence").select(["userId", "connectedUntil"]).where("userId", "in", [...userIds]).orderBy("userId").forUpdate())
    .updateTable("agentPresence")
    .from("previous")
    .set({ connectedUntil: secondsFromNow(leaseSeconds) })
    .whereRef("agentPresence.userId", "=", "previous.userId")
    .returning(["agentPresence.userId", sql<boolean>`previous.connected_until is null or previous.connected_until <= now()`.as("revived")])
    .execute();
  return rows.filter((row) => row.revived).map((row) => row.userId);
}

/** Claims the lapsed leases, once across every process: answers the users who just became disconnected. */
export async function endLapsedLeases(executor: Executor): Promise<string[]> {
  // In user id order, skipping rows a router holds (the next sweep takes them): no lock cycle with routing.
  const rows = await executor
    .updateTable("agentPresence")
    .set({ connectedUntil: null })
    .where("userId", "in", (db) => db.selectFrom("agentPresence").select("userId").where("connectedUntil", "<", now()).orderBy("userId").forUpdate().skipLocked())
    .where("connectedUntil", "<", now())
    .returning("userId")
    .execute();
  return rows.map((row) => row.userId);
}

/** Signed out: offline, without a lease. */
export async function writeSignedOut(transaction: Tx, userId: string): Promise<void> {
  await transaction
    .updateTable("agentPresence")
    .set({ status: "offline", customStatusId: null, statusBeforeCall: null, customStatusBeforeCall: null, statusSince: now(), connectedUntil: null, updatedAt: now() })
    .where("userId", "=", userId)
    .execute();
}

/** Pauses or unpauses channels, creating a channel row with the defaults where the agent has none. */
export async function writeChannelPause(executor: Executor, userId: string, channels: readonly Channel[], paused: boolean): Promise<void> {
  if (channels.length === 0) {
    return;
  }
  await executor
    .insertInto("agentChannels")
    .values(channels.map((channel) => ({ userId, channel, paused })))
    .onConflict((conflict) => conflict.columns(["userId", "channel"]).doUpdateSet({ paused, updatedAt: now() }))
    .execute();
}

/** Unpauses every channel row the agent has (a channel without a row is not paused). */
export async function unpauseAllChannels(executor: Executor, userId: string): Promise<void> {
  await executor.updateTable("agentChannels").set({ paused: false, updatedAt: now() }).where("userId", "=", userId).where("paused", "=", true).execute();
}

export async function findAgentChannelRows(executor: Executor, userId: string): Promise<AgentChannelRow[]> {
  return executor
    .selectFrom("agentChannels")
    .select(["channel", "enabled", "capacity", "autoAnswerDelaySeconds", "paused"])
    .where("userId", "=", userId)
    .execute();
}

/** Interactions the agent owns and works on now. */
export async function countOpenInteractions(executor: Executor, userId: string): Promise<number> {
  const row = await executor
    .selectFrom("interactions")
    .select(sql<string>`count(*)`.as("total"))
    .where("ownerId", "=", userId)
    .where("state", "=", sql.lit("active"))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
