import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret, URL-safe, with an optional readable prefix (`sbt_` for API tokens). */
export function generateSecret(prefix = "", bytes = 32): string {
  return prefix + randomBytes(bytes).toString("base64url");
}

/** Session ids and API tokens are stored as their SHA-256: a database leak does not leak live credentials. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretsEqual(left: string, right: string): boolean {
  const leftBuffer = Buffer.from(left);
  const rightBuffer = Buffer.from(right);
  return leftBuffer.length === rightBuffer.length && timingSafeEqual(leftBuffer, rightBuffer);
}

/** A password that satisfies the security suite's policy, for the generated first admin. */
export function generatePassword(): string {
  const body = randomBytes(12).toString("base64url");
  return `${body}aZ7!`;
}
