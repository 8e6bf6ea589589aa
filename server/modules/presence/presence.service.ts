import type { AgentChannels } from "../../../common/api/channels.ts";
import type { OpenInteractionDisposition } from "../../../common/api/interactions.ts";
import type { Presence, SetStatusRequest, SignOutRequest } from "../../../common/api/presence.ts";
import { CHANNELS, type Channel } from "../../../common/domain/channels.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import { presenceStatusSchema, type PresenceStatus } from "../../../common/domain/presence.ts";
import type { Db, Tx } from "../../db/database.ts";
import { BadRequestError, ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { EventBus } from "../../lib/event-bus.ts";
import { adminRoom, roleRoom, userRoom } from "../../realtime/rooms.ts";
import type { AgentScopeService } from "../agent-scope/agent-scope.service.ts";
import type { Actor } from "../auth/principal.ts";
import { presentAgentChannels } from "../channels/channels.presenter.ts";
import { fieldError } from "../memberships/member-rules.ts";
import type { SettingsService } from "../settings/settings.service.ts";
import { findCustomStatus } from "./custom-statuses.repository.ts";
import { presentPresence } from "./presence.presenter.ts";
import * as presence from "./presence.repository.ts";

/** What sign-out needs of the routing engine: the agent's open interactions requeued or closed. */
export interface OpenInteractionsReleaser {
  releaseOpenInteractions(agentId: string, disposition: OpenInteractionDisposition): Promise<unknown>;
}

export interface PresenceServiceOptions {
  db: Db;
  events: EventBus;
  settings: Pick<SettingsService, "getAccount" | "getChannels">;
  scope: AgentScopeService;
  /** The routing engine, read when an agent signs out (it is built after presence). */
  releaser: () => OpenInteractionsReleaser;
  /** How long a desktop stays connected after its last sign of life. */
  graceSeconds: number;
  /** How often each process renews the leases of its connected desktops. */
  heartbeatSeconds: number;
}

const agentNotFound = () => new NotFoundError("agent_not_found", "Agent not found.");

/**
 * product.md, Presence: offline, ready, on-call and the admin's custom statuses; per-channel pause; login in
 * pause. The desktop's connection holds a lease (`connected_until`), renewed by heartbeats (presence-connections.ts).
 */
export class PresenceService {
  constructor(private readonly options: PresenceServiceOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  /** A connection lease: until the next heartbeat, then the grace. */
  get leaseSeconds(): number {
    return this.options.graceSeconds + this.options.heartbeatSeconds;
  }

  get graceSeconds(): number {
    return this.options.graceSeconds;
  }

  async get(agentId: string): Promise<Presence> {
    const [row, pausedChannels] = await Promise.all([presence.findPresence(this.db, agentId), presence.findPausedChannels(this.db, agentId)]);
    if (!row) {
      throw agentNotFound();
    }
    return presentPresence(row, pausedChannels);
  }

  /** Another agent's presence: admins any agent, supervisors the agents of their queues (404 otherwise). */
  async getForAgent(actor: Actor, agentId: string): Promise<Presence> {
    const agent = await this.options.scope.findAgent(actor, agentId);
    return this.get(agent.id);
  }

  /** The signed-in user picks ready or a custom status; never while on a call (the call's end decides). */
  async setStatus(actor: Actor, request: SetStatusRequest): Promise<Presence> {
    const userId = actor.principal.user.id;
    const customStatusId = request.status === "custom" ? (request.customStatusId ?? null) : null;
    await this.db.transaction().execute(async (transaction) => {
      if (customStatusId !== null && !(await findCustomStatus(transaction, customStatusId, { lock: "share" }))) {
        throw fieldError("customStatusId", "customStatusId: no such custom status (it may have been deleted)");
      }
      const before = await this.lock(transaction, userId);
      if (before.status === "on-call") {
        throw new ConflictError("on_call", "You are on a call: your status changes back when the call ends.");
      }
      await presence.writeStatus(transaction, userId, request.status, customStatusId, before);
    });
    return this.publishChanged(userId);
  }

  /** Pauses or unpauses the signed-in user on one channel of the account. */
  async setChannelPause(actor: Actor, channel: Channel, paused: boolean): Promise<Presence> {
    const userId = actor.principal.user.id;
    const account = await this.options.settings.getAccount();
    if (!account.enabledChannels.includes(channel)) {
      throw new BadRequestError("channel_not_enabled", `channel: ${channel} is not enabled for this account`);
    }
    // Under the agent's presence lock, like every change to whether they take work: a router alerting them holds it
    // too, so its offer is committed before the pause and withdrawn after it, or it sees the pause.
    await this.db.transaction().execute(async (transaction) => {
      await this.lock(transaction, userId);
      await presence.writeChannelPause(transaction, userId, [channel], paused);
    });
    await this.publishChannelsChanged(userId);
    return this.publishChanged(userId);
  }

  /** Pauses every channel, or unpauses them all. */
  async setAllChannelsPause(actor: Actor, paused: boolean): Promise<Presence> {
    const userId = actor.principal.user.id;
    await this.db.transaction().execute(async (transaction) => {
      await this.lock(transaction, userId);
      if (paused) {
        await presence.writeChannelPause(transaction, userId, CHANNELS, true);
      } else {
        await presence.unpauseAllChannels(transaction, userId);
      }
    });
    await this.publishChannelsChanged(userId);
    return this.publishChanged(userId);
  }

  /** The telephony events: a call started for the agent. The status before it is kept to return to. */
  async enterCall(agentId: string): Promise<Presence> {
    const changed = await this.db.transaction().execute(async (transaction) => {
      const before = await this.lock(transaction, agentId);
      if (before.status === "on-call") {
        return false;
      }
      await presence.writeCallStarted(transaction, agentId, before);
      return true;
    });
    return changed ? this.publishChanged(agentId) : this.get(agentId);
  }

  /** The call ended: back to the status before it (ready when that custom status has gone since). */
  async leaveCall(agentId: string): Promise<Presence> {
    const changed = await this.db.transaction().execute(async (transaction) => {
      const before = await this.lock(transaction, agentId);
      if (before.status !== "on-call") {
        return false;
      }
      const { status, customStatusId } = await this.statusAfterCall(transaction, before);
      await presence.writeCallEnded(transaction, agentId, status, customStatusId);
      return true;
    });
    return changed ? this.publishChanged(agentId) : this.get(agentId);
  }

  /**
   * Ends the shift (product.md, Presence: signing out with open interactions asks what to do with them): with open
   * interactions and no choice, 409 `open_interactions`; otherwise they are requeued or closed, and the user is
   * offline. The caller then ends the session.
   */
  async signOut(actor: Actor, request: SignOutRequest): Promise<Presence> {
    const userId = actor.principal.user.id;
    const count = await presence.countOpenInteractions(this.db, userId);
    if (count > 0 && request.openInteractions === undefined) {
      throw new ConflictError("open_interactions", `You have ${count} open ${count === 1 ? "interaction" : "interactions"}: requeue or close them to sign out.`, { count });
    }
    // Offline first: conversations handed back to their queue must not be offered to the agent who is leaving.
    await this.db.transaction().execute(async (transaction) => {
      await this.lock(transaction, userId);
      await presence.writeSignedOut(transaction, userId);
    });
    if (count > 0 && request.openInteractions !== undefined) {
      await this.options.releaser().releaseOpenInteractions(userId, request.openInteractions);
    }
    return this.publishChanged(userId);
  }

  /**
   * A desktop connected. From offline, or from a session newer than the last sign-in while not connected (the
   * session had ended, the person signed in again), it is a sign-in: ready, and paused on every channel for a user
   * with "login in pause" (product.md, Presence). Otherwise it is the same sign-in going on: the lease is renewed,
   * and a lapsed one makes the user connected again in the status they had.
   */
  async recordConnection(userId: string, sessionId?: string): Promise<void> {
    const outcome = await this.db.transaction().execute(async (transaction) => {
      const before = await presence.lockPresence(transaction, userId, sessionId);
      if (!before) {
        return { changed: false, paused: false };
      }
      const signsIn = before.status === "offline" || (before.status !== "on-call" && !before.connected && before.newSession);
      if (!signsIn) {
        await presence.extendLease(transaction, userId, this.leaseSeconds);
        return { changed: !before.connected, paused: false };
      }
      await presence.writeSignedIn(transaction, userId, this.leaseSeconds);
      if (before.loginInPause) {
        await presence.writeChannelPause(transaction, userId, CHANNELS, true);
      }
      return { changed: true, paused: before.loginInPause };
    });
    if (outcome.paused) {
      await this.publishChannelsChanged(userId);
    }
    if (outcome.changed) {
      await this.publishChanged(userId);
    }
  }

  /** Publishes each user's presence to them and to admins and supervisors; answers the last one. */
  async publishChanged(userId: string): Promise<Presence> {
    const current = await this.get(userId);
    this.options.events.publish("presence.changed", { presence: current }, { rooms: [userRoom(userId), adminRoom(), roleRoom("supervisor")] });
    return current;
  }

  async publishManyChanged(userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) {
      await this.publishChanged(userId);
    }
  }

  private async lock(transaction: Tx, userId: string): Promise<presence.LockedPresence> {
    const locked = await presence.lockPresence(transaction, userId);
    if (!locked) {
      throw agentNotFound();
    }
    return locked;
  }

  private async statusAfterCall(transaction: Tx, before: presence.LockedPresence): Promise<{ status: PresenceStatus; customStatusId: string | null }> {
    const parsed = presenceStatusSchema.safeParse(before.statusBeforeCall);
    const status = parsed.success && parsed.data !== "on-call" ? parsed.data : "ready";
    if (status !== "custom") {
      return { status, customStatusId: null };
    }
    const customStatusId = before.customStatusBeforeCall;
    if (customStatusId === null || !(await presence.customStatusExists(transaction, customStatusId))) {
      return { status: "ready", customStatusId: null };
    }
    return { status, customStatusId };
  }

  private async publishChannelsChanged(userId: string): Promise<void> {
    const [rows, account, settings] = await Promise.all([presence.findAgentChannelRows(this.db, userId), this.options.settings.getAccount(), this.options.settings.getChannels()]);
    const channels: AgentChannels = presentAgentChannels(userId, rows, account, settings);
    this.options.events.publish("agent.channels_changed", { agentId: userId as UserId, channels }, { rooms: [userRoom(userId), adminRoom()] });
  }
}
