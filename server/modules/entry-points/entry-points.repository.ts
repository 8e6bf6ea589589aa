import { sql, type Selectable, type SelectQueryBuilder } from "kysely";
import type { EntryPointListQuery } from "../../../common/api/entry-points.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import type { Executor } from "../../db/database.ts";
import type { Database, EntryPointsTable } from "../../db/tables.ts";
import { containsPattern, namedGroupPage } from "../memberships/query-helpers.ts";

export type EntryPointRow = Selectable<EntryPointsTable>;

export interface ChainQueueRow {
  entryPointId: string;
  position: number;
  id: string;
  name: string;
  channel: Channel;
}

export interface QueueChoiceRow {
  id: string;
  name: string;
  channel: Channel;
}

export interface EntryPointFields {
  name: string;
  channel: Channel;
  address: string;
  inboundKeyHash: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export type EntryPointChanges = Partial<Pick<EntryPointFields, "name" | "address" | "inboundKeyHash" | "webhookUrl" | "webhookSecret">>;

function filtered<Output>(builder: SelectQueryBuilder<Database, "entryPoints", Output>, query: EntryPointListQuery) {
  const search = query.search ? containsPattern(query.search) : undefined;
  return builder
    .$if(search !== undefined, (inner) => inner.where((eb) => eb.or([eb("entryPoints.name", "ilike", search ?? ""), eb("entryPoints.address", "ilike", search ?? "")])))
    .$if(query.channel !== undefined, (inner) => inner.where("entryPoints.channel", "=", query.channel ?? "voice"));
}

/** One page by name (ignoring case); search matches the name or the address. */
export async function listEntryPoints(executor: Executor, query: EntryPointListQuery): Promise<{ rows: EntryPointRow[]; total: number }> {
  return namedGroupPage(
    "entry_points",
    query,
    filtered(executor.selectFrom("entryPoints").selectAll("entryPoints"), query),
    filtered(executor.selectFrom("entryPoints").select((eb) => eb.fn.countAll<number>().as("total")), query),
  );
}

export async function findEntryPoint(executor: Executor, entryPointId: string): Promise<EntryPointRow | undefined> {
  return executor.selectFrom("entryPoints").selectAll().where("id", "=", entryPointId).executeTakeFirst();
}

/** Locks the entry point before it changes or is deleted. */
export async function lockEntryPoint(executor: Executor, entryPointId: string): Promise<EntryPointRow | undefined> {
  return executor.selectFrom("entryPoints").selectAll().where("id", "=", entryPointId).forUpdate().executeTakeFirst();
}

/** The queue chains of these entry points, each in order. */
export async function findChains(executor: Executor, entryPointIds: readonly string[]): Promise<ChainQueueRow[]> {
  if (entryPointIds.length === 0) {
    return [];
  }
  return executor
    .selectFrom("entryPointQueues")
    .innerJoin("queues", "queues.id", "entryPointQueues.queueId")
    .select(["entryPointQueues.entryPointId", "entryPointQueues.position", "queues.id", "queues.name", "queues.channel"])
    .where("entryPointQueues.entryPointId", "in", [...entryPointIds])
    .orderBy("entryPointQueues.entryPointId")
    .orderBy("entryPointQueues.position")
    .execute();
}

/** The queues of a new chain, locked against deletion until the chain is written. */
export async function lockQueueChoices(executor: Executor, queueIds: readonly string[]): Promise<QueueChoiceRow[]> {
  if (queueIds.length === 0) {
    return [];
  }
  return executor.selectFrom("queues").select(["id", "name", "channel"]).where("id", "in", [...queueIds]).orderBy("id").forShare().execute();
}

export async function insertEntryPoint(executor: Executor, fields: EntryPointFields): Promise<EntryPointRow> {
  return executor.insertInto("entryPoints").values(fields).returningAll().executeTakeFirstOrThrow();
}

export async function updateEntryPoint(executor: Executor, entryPointId: string, changes: EntryPointChanges): Promise<EntryPointRow | undefined> {
  return executor
    .updateTable("entryPoints")
    .set({ ...changes, updatedAt: sql<Date>`now()` })
    .where("id", "=", entryPointId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEntryPoint(executor: Executor, entryPointId: string): Promise<void> {
  await executor.deleteFrom("entryPoints").where("id", "=", entryPointId).execute();
}

/** Writes the chain afresh, first queue at position 0. */
export async function replaceChain(executor: Executor, entryPointId: string, queueIds: readonly string[]): Promise<void> {
  await executor.deleteFrom("entryPointQueues").where("entryPointId", "=", entryPointId).execute();
  if (queueIds.length === 0) {
    return;
  }
  await executor
    .insertInto("entryPointQueues")
    .values(queueIds.map((queueId, position) => ({ entryPointId, queueId, position })))
    .execute();
}

/** Which unique index a unique violation broke: the name's or the (channel, address) one. */
export function violatedKey(error: unknown): "name" | "address" | undefined {
  const constraint = typeof error === "object" && error !== null ? (error as { constraint?: unknown }).constraint : undefined;
  if (constraint === "entry_points_name_lower_key") {
    return "name";
  }
  if (constraint === "entry_points_channel_address_key") {
    return "address";
  }
  return undefined;
}
