import { createHmac, timingSafeEqual } from "node:crypto";

// The outbound webhook's signature (README, Open channel): HMAC-SHA256 with the entry point's signing secret
// over `<timestamp>.<raw body>`, sent as `X-Switchboard-Signature: sha256=<hex>` beside
// `X-Switchboard-Timestamp: <unix seconds>`. Signing the timestamp lets a receiver refuse old replays.

export const TIMESTAMP_HEADER = "X-Switchboard-Timestamp";
export const SIGNATURE_HEADER = "X-Switchboard-Signature";
const SCHEME = "sha256=";

export function signOpenChannelPayload(secret: string, timestamp: string, rawBody: string): string {
  return SCHEME + createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

/**
 * What a receiver runs on each delivery: true when `signature` (the X-Switchboard-Signature header) was made
 * with `secret` over exactly this timestamp and raw body. Compared in constant time. Receivers should also
 * refuse a timestamp more than a few minutes away from their clock.
 */
export function verifyOpenChannelSignature(secret: string, timestamp: string, rawBody: string, signature: string): boolean {
  const expected = Buffer.from(signOpenChannelPayload(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
