import type { Executor } from "../../db/database.ts";
import type { TelephonyEventsTable } from "../../db/tables.ts";

export type TelephonyEventType = TelephonyEventsTable["type"];

export interface ClaimedEvent {
  callId: string;
  type: TelephonyEventType;
  agentId: string | null;
  interactionId: string | null;
}

/** Records the event; false when this call id and type were already received (the primary key). */
export async function claimEvent(executor: Executor, event: { callId: string; type: TelephonyEventType; agentId: string | null }): Promise<boolean> {
  const inserted = await executor
    .insertInto("telephonyEvents")
    .values(event)
    .onConflict((conflict) => conflict.columns(["callId", "type"]).doNothing())
    .returning("callId")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findEvent(executor: Executor, callId: string, type: TelephonyEventType): Promise<ClaimedEvent | undefined> {
  return executor.selectFrom("telephonyEvents").select(["callId", "type", "agentId", "interactionId"]).where("callId", "=", callId).where("type", "=", type).executeTakeFirst();
}

export async function recordInteraction(executor: Executor, callId: string, type: TelephonyEventType, interactionId: string): Promise<void> {
  await executor.updateTable("telephonyEvents").set({ interactionId }).where("callId", "=", callId).where("type", "=", type).execute();
}

/** The effect failed: forget the event so the phone system's retry is applied. */
export async function releaseEvent(executor: Executor, callId: string, type: TelephonyEventType): Promise<void> {
  await executor.deleteFrom("telephonyEvents").where("callId", "=", callId).where("type", "=", type).execute();
}

export async function isAgent(executor: Executor, userId: string): Promise<boolean> {
  const row = await executor.selectFrom("users").select("id").where("id", "=", userId).where("role", "=", "agent").executeTakeFirst();
  return row !== undefined;
}

export async function hasVoiceEntryPoint(executor: Executor, entryPointId: string): Promise<boolean> {
  const row = await executor.selectFrom("entryPoints").select("id").where("id", "=", entryPointId).where("channel", "=", "voice").executeTakeFirst();
  return row !== undefined;
}

export async function hasVoiceQueue(executor: Executor, queueId: string): Promise<boolean> {
  const row = await executor.selectFrom("queues").select("id").where("id", "=", queueId).where("channel", "=", "voice").executeTakeFirst();
  return row !== undefined;
}
