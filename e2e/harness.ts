import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { Role } from "../common/domain/roles.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const READY_TIMEOUT_MILLISECONDS = 60_000;
const STOP_TIMEOUT_MILLISECONDS = 10_000;
const OUTPUT_LIMIT = 20_000;

export interface TestUser {
  username: string;
  password: string;
  role: Role;
  fullName: string;
  email?: string;
}

export interface StartServerOptions {
  // Created with the server's own CLI before the server starts: PGlite allows one process at a time.
  users?: readonly TestUser[];
  // Extra settings for the server, e.g. { LOGIN_RATE_LIMIT: "3" }. Read when the server starts, so a getter
  // can hand over a value known only then (the port of an SMTP server a test starts first).
  environment?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  adminUsername: string;
  adminPassword: string;
  stop(): Promise<void>;
}

// Meets the strictest password rule (product.md, The agent record): lower, upper, digit and a symbol.
export function generatePassword(): string {
  return `Sb1!${randomBytes(18).toString("base64url")}`;
}

async function findFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") {
    throw new Error("could not find a free port");
  }
  return address.port;
}

function serverEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  // A fresh embedded database and in-process fan-out, whatever the developer's shell has set.
  delete environment.DATABASE_URL;
  delete environment.REDIS_URL;
  return environment;
}

async function createUser(user: TestUser, environment: NodeJS.ProcessEnv): Promise<void> {
  const commandArguments = [
    "server/cli/create-user.ts",
    "--username",
    user.username,
    "--password",
    user.password,
    "--role",
    user.role,
    "--full-name",
    user.fullName,
    ...(user.email ? ["--email", user.email] : []),
  ];
  await new Promise<void>((resolve, reject) => {
    execFile(TSX, commandArguments, { cwd: ROOT, env: environment, timeout: READY_TIMEOUT_MILLISECONDS }, (error, _stdout, stderr) => {
      if (error) {
        reject(new Error(`create-user ${user.username} failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve();
    });
  });
}

// Keeps the tail of the child's output for error messages.
function captureOutput(child: ChildProcess): () => string {
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => output;
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`);
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MILLISECONDS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output()}`);
    }
    if (await isReady(url)) {
      return;
    }
    await delay(200);
  }
  throw new Error(`server not ready at ${url}/readyz after ${READY_TIMEOUT_MILLISECONDS} ms:\n${output()}`);
}

// tsx runs the server in a child of its own: the whole process group is signalled, and only this group.
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child.pid, "SIGTERM");
  const timeout = delay(STOP_TIMEOUT_MILLISECONDS).then(() => "timeout" as const);
  if ((await Promise.race([exited, timeout])) === "timeout") {
    signalGroup(child.pid, "SIGKILL");
    await exited;
  }
}

function signalGroup(processId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-processId, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}

// Starts the real server (`tsx server/main.ts`) on a free port with a fresh embedded database.
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), "switchboard-e2e-"));
  const port = await findFreePort();
  const adminUsername = "admin";
  const adminPassword = generatePassword();
  const environment = serverEnvironment({
    PORT: String(port),
    HOST: "127.0.0.1",
    SWITCHBOARD_DATA_DIR: dataDirectory,
    ADMIN_USERNAME: adminUsername,
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: "warn",
    // Every sign-in of a test file comes from 127.0.0.1: room for many, still limited.
    LOGIN_RATE_LIMIT: "100",
    ...options.environment,
  });
  try {
    for (const user of options.users ?? []) {
      await createUser(user, environment);
    }
  } catch (error) {
    await rm(dataDirectory, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(TSX, ["server/main.ts"], {
    cwd: ROOT,
    env: environment,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = captureOutput(child);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcessGroup(child);
    await rm(dataDirectory, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, adminUsername, adminPassword, stop };
}
