import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../common/api/errors.ts";
import type { Inbox } from "../../common/api/interactions.ts";
import { createAgent } from "../test/agent-factories.ts";
import { TestClient } from "../test/http-client.ts";
import {
  findAgentLoads,
  findRoutingViolations,
  insertOpenChannelEntryPoint,
  insertQueue,
  isOverLimit,
  setPresence,
  updateAgentChannel,
} from "../test/routing-factories.ts";
import { spawnServer, stopServer, type ServerProcess } from "../test/server-process.ts";
import { connectSocket, nextEvent, type TestSocket } from "../test/socket-client.ts";
import { createPostgresDatabase } from "../test/test-database.ts";

// Issue 4, item 4, proof 3: two server processes on one PostgreSQL database and one Redis, under concurrent load.
// Customers' messages arrive on both, agents accept and close on both, both run the routing timers; a sampler
// reads the database all along. Runs in the `postgres` project when REDIS_URL is set (vitest.config.ts).

const ADMIN_PASSWORD = "Admin-password-1";
const AGENT_PASSWORD = "Agent-password-1";
const CAPACITY = 2;

interface Agent {
  id: string;
  /** One client per process, sharing the agent's session. */
  clients: [TestClient, TestClient];
}

describe("routing across two server processes, one PostgreSQL, one Redis", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  let admin: TestClient;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const environment = {
      DATABASE_URL: database.url,
      ADMIN_PASSWORD,
      LOGIN_RATE_LIMIT: "10000",
      OPEN_CHANNEL_RATE_LIMIT: "100000",
      // Timers (offer timeouts, queue timeouts, auto-answers) swept often, by both processes.
      ROUTING_TICK_MS: "50",
    };
    processes.push(...(await Promise.all([spawnServer(environment), spawnServer(environment)])));
    admin = new TestClient(processes[0]!.url);
    expect((await admin.signIn("admin", ADMIN_PASSWORD)).status).toBe(200);
    expect((await admin.patch("/api/v1/settings/account", { enabledChannels: ["openchannel"] })).status).toBe(200);
  });

  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    await Promise.all(processes.map((server) => stopServer(server)));
    await database?.close();
  });

  /** An agent made through the admin API, signed in on the first process, ready with a live desktop. */
  async function readyAgent(settings: { autoAnswerDelaySeconds?: number } = {}): Promise<Agent> {
    const created = await createAgent(admin, { password: AGENT_PASSWORD });
    const [first, second] = processes as [ServerProcess, ServerProcess];
    const client = new TestClient(first.url);
    expect((await client.signIn(created.username, AGENT_PASSWORD)).status).toBe(200);
    const other = new TestClient(second.url);
    other.cookie = client.cookie;
    other.csrfToken = client.csrfToken;
    await setPresence(database.db, created.id, { status: "ready", connected: true });
    await updateAgentChannel(database.db, created.id, "openchannel", { capacity: CAPACITY, autoAnswerDelaySeconds: settings.autoAnswerDelaySeconds ?? null });
    return { id: created.id, clients: [client, other] };
  }

  async function postMessage(processIndex: number, entryPoint: { id: string; inboundKey: string }, conversationId: string): Promise<string> {
    const client = new TestClient((processes[processIndex] as ServerProcess).url);
    const response = await client.request<{ interactionId: string }>(
      "POST",
      `/api/v1/open-channel/${entryPoint.id}/messages`,
      { conversationId, customer: { id: `customer-${conversationId}` }, body: "Hello" },
      { authorization: `Bearer ${entryPoint.inboundKey}` },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return response.body.interactionId;
  }

  it("delivers routing events made by one process to the agent's socket on the other", async () => {
    const [watched, other] = [await readyAgent(), await readyAgent()];
    const queueId = await insertQueue(database.db, { channel: "openchannel", members: [watched.id, other.id] });
    const entryPoint = await insertOpenChannelEntryPoint(database.db, [queueId]);
    // The watched agent's desktop is connected to the first process; everything else happens on the second.
    const socket = await connectSocket((processes[0] as ServerProcess).url, { cookie: watched.clients[0].cookie });
    sockets.push(socket);

    const offered = nextEvent(socket, "offer.created", 10_000);
    const first = await postMessage(1, entryPoint, "socket-1");
    expect((await offered).offer.interaction.id).toBe(first);

    const withdrawn = nextEvent(socket, "offer.withdrawn", 10_000);
    expect((await other.clients[1].post(`/api/v1/interactions/${first}/accept`)).status).toBe(200);
    expect(await withdrawn).toMatchObject({ interactionId: first, reason: "accepted_elsewhere" });

    const offeredAgain = nextEvent(socket, "offer.created", 10_000);
    const second = await postMessage(1, entryPoint, "socket-2");
    expect((await offeredAgain).offer.interaction.id).toBe(second);
    const assigned = nextEvent(socket, "interaction.assigned", 10_000);
    expect((await watched.clients[1].post(`/api/v1/interactions/${second}/accept`)).status).toBe(200);
    expect((await assigned).interaction).toMatchObject({ id: second, ownerId: watched.id, state: "active" });
  });

  it("keeps one owner per interaction and every agent within capacity under load on both processes", async () => {
    const db = database.db;
    // Six agents of capacity 2; two auto-answer at once, so the timers of either process accept for them.
    const agents: Agent[] = [];
    for (let index = 0; index < 6; index += 1) {
      agents.push(await readyAgent(index < 2 ? { autoAnswerDelaySeconds: 0 } : {}));
    }
    const everyone = agents.map((agent) => agent.id);
    const ringAll = await insertQueue(db, { channel: "openchannel", strategy: "ring-all", members: everyone, timeoutSeconds: 3 });
    const roundRobin = await insertQueue(db, { channel: "openchannel", strategy: "round-robin", members: everyone, offerTimeoutSeconds: 1, timeoutSeconds: 600 });
    // Nobody works the first queue of the second chain: its interactions time out into the next after a second.
    const unstaffed = await insertQueue(db, { channel: "openchannel", members: [], timeoutSeconds: 1 });
    const leastOccupied = await insertQueue(db, { channel: "openchannel", strategy: "least-occupied", members: everyone, offerTimeoutSeconds: 1, timeoutSeconds: 600 });
    const entryPoints = [await insertOpenChannelEntryPoint(db, [ringAll, roundRobin]), await insertOpenChannelEntryPoint(db, [unstaffed, leastOccupied])];
    const entryPointIds = entryPoints.map((entryPoint) => entryPoint.id);

    const outcomes = new Map<string, number>();
    const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    let arriving = true;
    let working = true;

    // The sampler: every rule at every moment it looks, and nobody over capacity (each check is one statement).
    const violations: string[] = [];
    let samples = 0;
    const sampler = (async () => {
      while (working) {
        const loads = await findAgentLoads(db, everyone, ["openchannel"], { defaultCapacity: {}, maxOpenTabs: 0 });
        for (const load of loads) {
          if (isOverLimit(load.activeOnChannel + load.pendingOnChannel, load.capacity)) {
            violations.push(`${load.agentId} holds ${load.activeOnChannel} active and ${load.pendingOnChannel} offered, capacity ${load.capacity}`);
          }
        }
        for (const violation of await findRoutingViolations(db, entryPointIds)) {
          violations.push(`${violation.rule}: ${JSON.stringify(violation.rows)}`);
        }
        samples += 1;
      }
    })();

    // Each agent: look at the inbox on one process, accept every alert at once on either, close what they held.
    const work = async (agent: Agent, agentIndex: number) => {
      let held = new Set<string>();
      for (let turn = 0; working; turn += 1) {
        const inbox = (await agent.clients[(turn % 2) as 0 | 1].get<Inbox>("/api/v1/inbox")).body;
        const accepts = inbox.offers.map(async (offer, index) => {
          const processIndex = (turn + index + agentIndex) % 2;
          const response = await agent.clients[processIndex as 0 | 1].post(`/api/v1/interactions/${offer.interaction.id}/accept`);
          count(response.status === 200 ? `accepted on process ${processIndex + 1}` : (response.body as ErrorBody).error.code);
        });
        const closes = inbox.interactions
          .filter((interaction) => held.has(interaction.id))
          .map(async (interaction, index) => {
            const response = await agent.clients[((turn + index) % 2) as 0 | 1].post(`/api/v1/interactions/${interaction.id}/close`);
            count(response.status === 200 ? "closed" : (response.body as ErrorBody).error.code);
          });
        await Promise.all([...accepts, ...closes]);
        held = new Set(inbox.interactions.map((interaction) => interaction.id));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const workers = agents.map((agent, index) => work(agent, index));

    // Customers: 90 conversations in bursts of six, spread over both processes; every ninth customer leaves.
    const arrivals = (async () => {
      for (let burst = 0; burst < 15; burst += 1) {
        await Promise.all(
          Array.from({ length: 6 }, async (_unused, index) => {
            const number = burst * 6 + index;
            const entryPoint = entryPoints[number % 3 === 2 ? 1 : 0]!;
            await postMessage(number % 2, entryPoint, `load-${number}`);
            if (number % 9 === 8) {
              const left = await new TestClient(processes[(number + 1) % 2]!.url).request("POST", `/api/v1/open-channel/${entryPoint.id}/conversations/load-${number}/close`, undefined, {
                authorization: `Bearer ${entryPoint.inboundKey}`,
              });
              // 404: the agent had closed the conversation already.
              count(left.status === 204 ? "customer left" : left.status === 404 ? "customer left after the close" : `customer leaving answered ${left.status}`);
            }
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      arriving = false;
    })();

    // The load runs until every conversation was served or left (bounded, so a stuck backlog fails below).
    await arrivals;
    for (let wait = 0; wait < 600 && (arriving || (await waitingCount(entryPointIds)) > 0); wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    working = false;
    await Promise.all([...workers, sampler]);

    expect(violations).toEqual([]);
    expect(samples).toBeGreaterThan(0);
    expect(await findRoutingViolations(db, entryPointIds)).toEqual([]);
    const states = await db.selectFrom("interactions").select(["state"]).where("entryPointId", "in", entryPointIds).execute();
    expect(states).toHaveLength(90);
    expect(states.filter((row) => !["active", "closed", "abandoned"].includes(row.state)), "interactions still waiting").toEqual([]);
    // The load did what it was meant to: accepts on both processes, lost races, queue timeouts, customers leaving.
    expect(outcomes.get("accepted on process 1")).toBeGreaterThan(0);
    expect(outcomes.get("accepted on process 2")).toBeGreaterThan(0);
    expect(outcomes.get("interaction_taken")).toBeGreaterThan(0);
    expect((outcomes.get("customer left") ?? 0) + (outcomes.get("customer left after the close") ?? 0)).toBe(10);
    const timeouts = await db.selectFrom("queueAttempts").select("id").where("queueId", "=", unstaffed).where("reason", "=", "timeout").execute();
    expect(timeouts.length).toBeGreaterThan(0);
  }, 180_000);

  async function waitingCount(entryPointIds: readonly string[]): Promise<number> {
    const rows = await database.db.selectFrom("interactions").select("id").where("entryPointId", "in", entryPointIds).where("state", "in", ["queued", "offered"]).execute();
    return rows.length;
  }
});
