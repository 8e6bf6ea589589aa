import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { MfaEnrolment } from "../../common/api/mfa.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../lib/clock.ts";
import type { TestClient } from "./http-client.ts";

/** A queue with both users as members: the supervisor then manages the agent (product.md, supervisor scope). */
export async function shareQueue(db: Db, supervisorId: string, agentId: string): Promise<string> {
  const queue = await db
    .insertInto("queues")
    .values({ name: `security queue ${randomBytes(4).toString("hex")}`, channel: "voice" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("queueMembers").values([{ queueId: queue.id, userId: supervisorId }, { queueId: queue.id, userId: agentId }]).execute();
  return queue.id;
}

/** The code an authenticator app shows for this secret at this time. */
export function totpCode(secret: string, at: Date = new Date()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
}

/** Enrols the signed-in client's user in MFA through the API; returns the secret the app would hold. */
export async function enrolMfa(client: TestClient, clock: Clock = { now: () => new Date() }): Promise<string> {
  const enrolment = await client.post<MfaEnrolment>("/api/v1/auth/mfa/enrol");
  if (enrolment.status !== 200) {
    throw new Error(`enrol failed: ${enrolment.status} ${JSON.stringify(enrolment.body)}`);
  }
  const verified = await client.post("/api/v1/auth/mfa/verify", { code: totpCode(enrolment.body.secret, clock.now()) });
  if (verified.status !== 200) {
    throw new Error(`verify failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  }
  return enrolment.body.secret;
}
