import { sql } from "kysely";
import type { AgentChannelValues } from "../../../common/api/channels.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Executor } from "../../db/database.ts";

export interface AgentChannelRow extends AgentChannelValues {
  channel: Channel;
}

/** The agent's stored channel rows; a channel without one has the defaults. */
export async function findAgentChannels(executor: Executor, userId: string): Promise<AgentChannelRow[]> {
  return executor
    .selectFrom("agentChannels")
    .select(["channel", "enabled", "capacity", "autoAnswerDelaySeconds", "paused"])
    .where("userId", "=", userId)
    .execute();
}

/**
 * Saves the fields given, in one statement: a first save inserts the row with the defaults for the fields not
 * given; a later one changes only the fields given, so two people changing different fields both win.
 */
export async function saveAgentChannel(
  executor: Executor,
  userId: string,
  channel: Channel,
  changes: Partial<AgentChannelValues>,
): Promise<AgentChannelRow> {
  const now = sql<Date>`now()`;
  return executor
    .insertInto("agentChannels")
    .values({
      userId,
      channel,
      enabled: changes.enabled ?? true,
      capacity: changes.capacity ?? null,
      autoAnswerDelaySeconds: changes.autoAnswerDelaySeconds ?? null,
      paused: changes.paused ?? false,
    })
    .onConflict((conflict) =>
      conflict.columns(["userId", "channel"]).doUpdateSet({
        ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
        ...(changes.capacity === undefined ? {} : { capacity: changes.capacity }),
        ...(changes.autoAnswerDelaySeconds === undefined ? {} : { autoAnswerDelaySeconds: changes.autoAnswerDelaySeconds }),
        ...(changes.paused === undefined ? {} : { paused: changes.paused }),
        updatedAt: now,
      }),
    )
    .returning(["channel", "enabled", "capacity", "autoAnswerDelaySeconds", "paused"])
    .executeTakeFirstOrThrow();
}
