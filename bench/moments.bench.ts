import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import AhoCorasick from "modern-ahocorasick";
import { openDatabase, type Db } from "../server/db/database.ts";
import { migrateToLatest } from "../server/db/migrator.ts";
import { generateSecret, hashSecret } from "../server/lib/secrets.ts";
import { API_TOKEN_PREFIX } from "../server/modules/auth/auth.service.ts";
import { parsePhrase } from "../server/modules/moments/moments-text.ts";
import { PhraseMatcher } from "../server/modules/moments/phrase-matcher.ts";
import { referenceMatch, type PhrasePattern } from "../server/modules/moments/reference-matcher.ts";
import { createPostgresDatabase } from "../server/test/test-database.ts";
import { spawnServer, stopServer } from "../server/test/server-process.ts";
import { connectSocket } from "../server/test/socket-client.ts";
import { buildCorpus, Random, utterances, type Corpus } from "./moments-corpus.ts";

// `npm run bench -- moments` (issue 7, Speed). 10,000 phrases over 1,000 notifications against 100 MB of generated
// conversation text (bench/moments-corpus.ts, seeded):
// - our matcher's throughput on one core, utterance by utterance as messages arrive, next to modern-ahocorasick's
//   default `search()` on the same phrases and the same utterances in the same run (target ratio ≥ 3), and a
//   single-phrase `indexOf` over the whole text as the physical reference;
// - the p99 cost of one 150-character utterance (target ≤ 20 µs);
// - the p99 from a customer's message leaving the bench to the moment reaching the agent's socket, through a server
//   process on a fresh database (target < 20 ms).
// `--quick`: 10 MB and fewer messages; `--database=postgres|pglite` for the latency part (default: both).

interface Size {
  megabytes: number;
  utterances150: number;
  messages: number;
}

const FULL: Size = { megabytes: 100, utterances150: 100_000, messages: 300 };
const QUICK: Size = { megabytes: 10, utterances150: 20_000, messages: 60 };
const NOTIFICATIONS = 1_000;
const PHRASES_PER_NOTIFICATION = 10;
const PROBE_PHRASE = "zebra crossing refund";

function option(name: string): string | undefined {
  return new RegExp(`^--${name}=(.+)$`).exec(process.argv.find((argument) => argument.startsWith(`--${name}=`)) ?? "")?.[1];
}

const percentile = (sorted: readonly number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
const megaPerSecond = (characters: number, milliseconds: number) => characters / milliseconds / 1_000;

export async function benchMoments(): Promise<void> {
  const size = process.argv.includes("--quick") ? QUICK : FULL;
  const random = new Random(20_261_122);
  const corpus = buildCorpus(random, NOTIFICATIONS, PHRASES_PER_NOTIFICATION);
  console.log(`moments: ${corpus.phrases.length} phrases over ${NOTIFICATIONS} notifications, ${size.megabytes} MB of text`);
  benchMatcher(corpus, random, size);
  const only = option("database");
  for (const kind of ["postgres", "pglite"] as const) {
    if (!only || only === kind) {
      await benchLatency(kind, corpus, size);
    }
  }
}

function benchMatcher(corpus: Corpus, random: Random, size: Size): void {
  const texts = [...utterances(random, corpus, size.megabytes * 1_000_000)];
  const characters = texts.reduce((total, text) => total + text.length, 0);
  const patterns: PhrasePattern[] = corpus.phrases.map((phrase, id) => ({ id, words: parsePhrase(phrase) }));
  let started = performance.now();
  const ours = PhraseMatcher.compile(patterns);
  const compileMs = performance.now() - started;

  // Same answers as the naive reference on a sample (the property test proves it in general).
  for (const text of texts.slice(0, 300)) {
    if (JSON.stringify(ours.match(text)) !== JSON.stringify(referenceMatch(patterns, text))) {
      throw new Error(`the matcher and the reference disagree on: ${text}`);
    }
  }

  let found = 0;
  const count = () => {
    found += 1;
  };
  for (const text of texts.slice(0, 20_000)) {
    ours.scan(text, count);
  }
  found = 0;
  started = performance.now();
  for (const text of texts) {
    ours.scan(text, count);
  }
  const oursMs = performance.now() - started;
  const oursFound = found;

  const reference = new AhoCorasick(corpus.phrases.map((phrase) => phrase.replaceAll("*", "")));
  started = performance.now();
  let referenceFound = 0;
  for (const text of texts) {
    referenceFound += reference.search(text).length;
  }
  const referenceMs = performance.now() - started;

  // The same library on the same utterances with accents stripped beforehand: its ASCII fast path.
  const ascii = texts.map((text) => text.normalize("NFD").replace(/\p{M}/gu, ""));
  started = performance.now();
  let asciiFound = 0;
  for (const text of ascii) {
    asciiFound += reference.search(text).length;
  }
  const asciiMs = performance.now() - started;

  const whole = texts.join("\n");
  const needle = corpus.phrases.find((phrase) => !phrase.includes("*") && phrase.includes(" ")) ?? "refund";
  started = performance.now();
  let occurrences = 0;
  for (let at = whole.indexOf(needle); at >= 0; at = whole.indexOf(needle, at + 1)) {
    occurrences += 1;
  }
  const indexOfMs = performance.now() - started;

  const pieces: string[] = [];
  for (let offset = 0; pieces.length < size.utterances150 && offset + 150 <= whole.length; offset += 150) {
    pieces.push(whole.slice(offset, offset + 150));
  }
  const costs: number[] = [];
  for (const piece of pieces) {
    const before = process.hrtime.bigint();
    ours.scan(piece, count);
    costs.push(Number(process.hrtime.bigint() - before) / 1_000);
  }
  costs.sort((left, right) => left - right);

  const oursRate = megaPerSecond(characters, oursMs);
  const referenceRate = megaPerSecond(characters, referenceMs);
  console.log(`  compile ${PhraseMatcher.name}: ${compileMs.toFixed(0)} ms`);
  console.log(`  ours:               ${oursRate.toFixed(1)} M chars/s (${oursFound} matches)`);
  console.log(`  modern-ahocorasick: ${referenceRate.toFixed(1)} M chars/s (${referenceFound} substring hits, default search())`);
  console.log(`  ratio:              ${(oursRate / referenceRate).toFixed(1)}× (target ≥ 3)`);
  console.log(`  modern-ahocorasick, accents stripped first (its ASCII path): ${megaPerSecond(characters, asciiMs).toFixed(1)} M chars/s (${asciiFound} hits); ratio ${(oursRate / megaPerSecond(characters, asciiMs)).toFixed(1)}×`);
  console.log(`  indexOf "${needle}": ${megaPerSecond(whole.length, indexOfMs).toFixed(0)} M chars/s (${occurrences} occurrences; the physical reference)`);
  console.log(`  150-character utterance: p50 ${percentile(costs, 0.5).toFixed(1)} µs, p99 ${percentile(costs, 0.99).toFixed(1)} µs, p99.9 ${percentile(costs, 0.999).toFixed(1)} µs (target p99 ≤ 20 µs; ${costs.length} utterances)`);
}

interface Seeded {
  agentToken: string;
  entryPointId: string;
  inboundKey: string;
  conversationId: string;
}

/** One agent owning one open-channel conversation, 1,000 notifications aimed at them, and the probe notification. */
async function seed(db: Db, corpus: Corpus): Promise<Seeded> {
  const agent = await db
    .insertInto("users")
    .values({ username: "bench_moments_agent", fullName: "Bench Moments Agent", role: "agent", passwordHash: "not-a-hash", typologySettings: "{}", voiceSettings: "{}", permissions: "{}", licenceMoments: true })
    .returning("id")
    .executeTakeFirstOrThrow();
  const agentToken = generateSecret(API_TOKEN_PREFIX);
  await db.insertInto("apiTokens").values({ userId: agent.id, name: "moments bench", tokenHash: hashSecret(agentToken), prefix: "sbt_bench" }).execute();
  await db.insertInto("settings").values({ key: "account", value: JSON.stringify({ enabledChannels: ["voice", "sms", "chat", "openchannel"], mobileTypologyEnabled: false }) }).onConflict((conflict) => conflict.column("key").doNothing()).execute();
  const queue = await db.insertInto("queues").values({ name: "Bench moments queue", channel: "openchannel" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("queueMembers").values({ queueId: queue.id, userId: agent.id }).execute();
  const inboundKey = generateSecret("obk_");
  const entryPoint = await db.insertInto("entryPoints").values({ name: "Bench moments", channel: "openchannel", address: "bench-moments", inboundKeyHash: hashSecret(inboundKey) }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("entryPointQueues").values({ entryPointId: entryPoint.id, queueId: queue.id, position: 0 }).execute();
  const conversationId = "bench-moments-conversation";
  await db
    .insertInto("interactions")
    .values({ channel: "openchannel", entryPointId: entryPoint.id, externalId: conversationId, customerAddress: "bench-customer", customerName: "Bench Customer", state: "active", ownerId: agent.id, queueId: queue.id, acceptedAt: new Date() })
    .execute();
  const notifications = Array.from({ length: NOTIFICATIONS }, (_unused, index) => ({
    ownerId: agent.id,
    personal: false,
    name: `Bench notification ${index + 1}`,
    criteria: JSON.stringify(criteria(corpus.phrases.slice(index * PHRASES_PER_NOTIFICATION, (index + 1) * PHRASES_PER_NOTIFICATION), { kind: "once" })),
  }));
  notifications.push({ ownerId: agent.id, personal: false, name: "Bench probe", criteria: JSON.stringify(criteria([PROBE_PHRASE], { kind: "every", cooldownSeconds: 0 })) });
  const inserted = await db.insertInto("momentNotifications").values(notifications).returning("id").execute();
  await db.insertInto("momentNotificationAgents").values(inserted.map((row) => ({ notificationId: row.id, agentId: agent.id }))).execute();
  const content = await db.insertInto("momentContents").values({ ownerId: agent.id, title: "Probe guidance", bodyHtml: "<p>Explain the crossing refund.</p>", links: "[]" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("momentNotificationContents").values({ notificationId: inserted.at(-1)?.id ?? "", contentId: content.id, position: 0 }).execute();
  await sql`update moment_matcher_version set version = version + 1`.execute(db);
  await sql`analyze`.execute(db);
  return { agentToken, entryPointId: entryPoint.id, inboundKey, conversationId };
}

function criteria(anyOf: string[], frequency: { kind: "once" } | { kind: "every"; cooldownSeconds: number }) {
  return { anyOf, allOf: [], exclude: [], notMentioned: null, speaker: "either", channels: [], queueIds: [], frequency };
}

async function benchLatency(kind: "postgres" | "pglite", corpus: Corpus, size: Size): Promise<void> {
  let environment: Record<string, string>;
  let seeded: Seeded;
  let cleanUp: () => Promise<void>;
  if (kind === "postgres") {
    const database = await createPostgresDatabase();
    await migrateToLatest(database.db);
    seeded = await seed(database.db, corpus);
    environment = { DATABASE_URL: database.url };
    cleanUp = () => database.close();
  } else {
    const directory = await mkdtemp(path.join(os.tmpdir(), "switchboard-moments-bench-"));
    const seeding = await openDatabase({ dataDirectory: directory });
    await migrateToLatest(seeding.db);
    seeded = await seed(seeding.db, corpus);
    await seeding.close();
    environment = { DATABASE_URL: "", SWITCHBOARD_DATA_DIR: directory };
    cleanUp = () => rm(directory, { recursive: true, force: true });
  }
  const server = await spawnServer({ ...environment, OPEN_CHANNEL_RATE_LIMIT: "100000", REDIS_URL: "" });
  const socket = await connectSocket(server.url, { token: seeded.agentToken });
  try {
    const random = new Random(7);
    const bodies = [...utterances(random, corpus, (size.messages + 20) * 200)].map((text) => `${text.slice(0, 120)} ${PROBE_PHRASE}`);
    const latencies: number[] = [];
    for (const [index, body] of bodies.slice(0, size.messages + 20).entries()) {
      const arrived = new Promise<number>((resolve) => {
        const listener = (payload: { moment: { notificationName: string } }) => {
          if (payload.moment.notificationName === "Bench probe") {
            socket.off("moment.fired", listener);
            resolve(performance.now());
          }
        };
        socket.on("moment.fired", listener);
      });
      const sent = performance.now();
      const response = await fetch(`${server.url}/api/v1/open-channel/${seeded.entryPointId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${seeded.inboundKey}`, "content-type": "application/json" },
        body: JSON.stringify({ conversationId: seeded.conversationId, customer: { id: "bench-customer", name: "Bench Customer" }, body }),
      });
      if (response.status !== 202) {
        throw new Error(`message ${index} answered ${response.status}: ${await response.text()}`);
      }
      const received = await Promise.race([arrived, new Promise<number>((_resolve, reject) => setTimeout(() => reject(new Error(`no moment for message ${index} within 10 s`)), 10_000))]);
      // The first twenty warm the server up (JIT, the matcher's first build, connection pools).
      if (index >= 20) {
        latencies.push(received - sent);
      }
    }
    latencies.sort((left, right) => left - right);
    console.log(`  ${kind}: message → moment on the agent's socket: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} ms (target p99 < 20 ms; ${latencies.length} messages)`);
  } finally {
    socket.disconnect();
    await stopServer(server);
    await cleanUp();
  }
}
