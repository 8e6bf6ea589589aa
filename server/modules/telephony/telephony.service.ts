import type { TelephonyEvent, TelephonyEventResult } from "../../../common/api/telephony.ts";
import type { InteractionId } from "../../../common/api/interactions.ts";
import type { Db } from "../../db/database.ts";
import { fieldError } from "../memberships/member-rules.ts";
import * as repository from "./telephony.repository.ts";

/** What the telephony events need of the routing engine (server/routing). */
export interface CallRouting {
  startCall(call: { entryPointId?: string | undefined; queueId?: string | undefined; callId: string; customerAddress: string; agentId: string }): Promise<{ id: string }>;
  answerCall(callId: string, agentId: string): Promise<{ id: string }>;
  endCall(callId: string): Promise<{ interaction: { id: string }; agentId: string | null }>;
}

/** What they need of presence: on-call while a call is answered, then back to the status before it. */
export interface CallPresence {
  enterCall(agentId: string): Promise<unknown>;
  leaveCall(agentId: string): Promise<unknown>;
}

type OfferedEvent = Extract<TelephonyEvent, { type: "call.offered" }>;

/**
 * Issue 4, Voice: the phone system reports calls; Switchboard keeps the agent's status, voice capacity and the
 * queue report right. Each (call id, type) is applied once: a repeated event answers `duplicate: true`.
 */
export class TelephonyService {
  constructor(
    private readonly db: Db,
    private readonly routing: CallRouting,
    private readonly presence: CallPresence,
  ) {}

  async receive(event: TelephonyEvent): Promise<TelephonyEventResult> {
    if (event.type === "call.offered") {
      await this.assertOfferRefersToKnownThings(event);
    }
    const agentId = "agentId" in event ? event.agentId : null;
    if (!(await repository.claimEvent(this.db, { callId: event.callId, type: event.type, agentId }))) {
      const earlier = await repository.findEvent(this.db, event.callId, event.type);
      return this.result(event, earlier?.interactionId ?? null, true);
    }
    try {
      const interactionId = await this.apply(event);
      await repository.recordInteraction(this.db, event.callId, event.type, interactionId);
      return this.result(event, interactionId, false);
    } catch (error) {
      await repository.releaseEvent(this.db, event.callId, event.type);
      throw error;
    }
  }

  private async apply(event: TelephonyEvent): Promise<string> {
    switch (event.type) {
      case "call.offered": {
        const interaction = await this.routing.startCall({ entryPointId: event.entryPointId, queueId: event.queueId, callId: event.callId, customerAddress: event.from, agentId: event.agentId });
        return interaction.id;
      }
      case "call.answered": {
        // Capacity and the tab limit are checked atomically by the accept (409 agent_over_capacity…).
        const interaction = await this.routing.answerCall(event.callId, event.agentId);
        await this.presence.enterCall(event.agentId);
        return interaction.id;
      }
      case "call.ended": {
        const ended = await this.routing.endCall(event.callId);
        if (ended.agentId) {
          await this.presence.leaveCall(ended.agentId);
        }
        return ended.interaction.id;
      }
    }
  }

  /** 400s naming the field, rather than a foreign-key failure deeper down. */
  private async assertOfferRefersToKnownThings(event: OfferedEvent): Promise<void> {
    if (!(await repository.isAgent(this.db, event.agentId))) {
      throw fieldError("agentId", "agentId: no agent with this id");
    }
    if (event.entryPointId && !(await repository.hasVoiceEntryPoint(this.db, event.entryPointId))) {
      throw fieldError("entryPointId", "entryPointId: no voice entry point with this id");
    }
    if (event.queueId && !(await repository.hasVoiceQueue(this.db, event.queueId))) {
      throw fieldError("queueId", "queueId: no voice queue with this id");
    }
  }

  private result(event: TelephonyEvent, interactionId: string | null, duplicate: boolean): TelephonyEventResult {
    return { callId: event.callId, type: event.type, interactionId: interactionId as InteractionId | null, duplicate };
  }
}
