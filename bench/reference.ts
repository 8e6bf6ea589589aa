import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * pgbench's select-only TPS against the same PostgreSQL server, measured in the same run: the figure a
 * benchmark prints next to its own, because the machines are shared and noisy.
 */
export async function pgbenchSelectOnlyTps(databaseUrl: string, clients: number, seconds: number): Promise<number> {
  await run("pgbench", ["--initialize", "--scale=1", "--quiet", databaseUrl]);
  const { stdout } = await run("pgbench", ["--select-only", `--client=${clients}`, `--jobs=${Math.min(clients, 2)}`, `--time=${seconds}`, databaseUrl]);
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match?.[1]) {
    throw new Error(`pgbench printed no tps:\n${stdout}`);
  }
  return Number(match[1]);
}

/**
 * pgbench's TPC-B-like write transactions without the branch and teller updates (`--skip-some-updates`, `-N`):
 * one account update, one select, one history insert per transaction, committed. The reference for benchmarks
 * whose work is short write transactions (routing).
 */
export async function pgbenchSkipSomeUpdatesTps(databaseUrl: string, clients: number, seconds: number): Promise<number> {
  await run("pgbench", ["--initialize", "--scale=1", "--quiet", databaseUrl]);
  const { stdout } = await run("pgbench", ["--skip-some-updates", `--client=${clients}`, `--jobs=${Math.min(clients, 2)}`, `--time=${seconds}`, databaseUrl]);
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match?.[1]) {
    throw new Error(`pgbench printed no tps:\n${stdout}`);
  }
  return Number(match[1]);
}
