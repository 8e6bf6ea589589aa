import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("settings from the environment", () => {
  it("prepares statements on PostgreSQL unless told not to", () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: "false" }).databasePreparedStatements).toBe(false);
  });

  it("refuses a value it does not know, naming the setting", () => {
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: "maybe" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: "maybe" })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });
});
