import { CamelCasePlugin, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";
import { describe, expect, it } from "vitest";
import { InlineStatePlugin } from "./inline-state-plugin.ts";
import type { Database } from "./tables.ts";

// Compiles only: the SQL text the hot paths send (server/db/inline-state-plugin.ts).
const db = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (kysely) => new PostgresIntrospector(kysely), createQueryCompiler: () => new PostgresQueryCompiler() },
  plugins: [new CamelCasePlugin(), new InlineStatePlugin()],
});

describe("states written into the statement", () => {
  it("writes a state compared with a state column into the text, and keeps every other value a parameter", () => {
    const query = db.selectFrom("offers").select("id").where("offers.state", "=", "pending").where("agentId", "=", "agent-1").where("interactionId", "in", ["one", "two"]).compile();
    expect(query.sql).toBe(`select "id" from "offers" where "offers"."state" = 'pending' and "agent_id" = $1 and "interaction_id" in ($2, $3)`);
    expect(query.parameters).toEqual(["agent-1", "one", "two"]);
  });

  it("writes a list of states, inside subqueries too", () => {
    const query = db
      .selectFrom("interactions")
      .select((eb) => ["id", eb.exists(eb.selectFrom("offers").select("id").whereRef("offers.interactionId", "=", "interactions.id").where("state", "=", "pending")).as("offered")])
      .where("state", "in", ["queued", "offered"])
      .compile();
    expect(query.sql).toContain(`"state" = 'pending'`);
    expect(query.sql).toContain(`"state" in ('queued', 'offered')`);
    expect(query.parameters).toEqual([]);
  });

  it("leaves values that are not plain words, and values set by an update, as parameters", () => {
    const query = db.updateTable("offers").set({ state: "withdrawn" }).where("state", "=", "it's 'pending'" as never).compile();
    expect(query.sql).toBe(`update "offers" set "state" = $1 where "state" = $2`);
    expect(query.parameters).toEqual(["withdrawn", "it's 'pending'"]);
  });
});
