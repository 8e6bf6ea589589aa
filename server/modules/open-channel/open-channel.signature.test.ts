import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signOpenChannelPayload, verifyOpenChannelSignature } from "./open-channel.signature.ts";

const secret = "s3cret-of-the-entry-point";
const timestamp = "1763740800";
const rawBody = JSON.stringify({ type: "message", message: { id: "m1", body: "Hi" } });

describe("open channel webhook signature", () => {
  it("is sha256= and the hex HMAC-SHA256 of the secret over timestamp.body, as the README tells receivers", () => {
    const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
    expect(signOpenChannelPayload(secret, timestamp, rawBody)).toBe(`sha256=${expected}`);
    expect(verifyOpenChannelSignature(secret, timestamp, rawBody, `sha256=${expected}`)).toBe(true);
  });

  it("refuses a forged signature: another secret, a changed body or timestamp, a truncated or bare value", () => {
    const genuine = signOpenChannelPayload(secret, timestamp, rawBody);
    expect(verifyOpenChannelSignature("another-secret", timestamp, rawBody, genuine)).toBe(false);
    expect(verifyOpenChannelSignature(secret, timestamp, rawBody.replace("Hi", "Hi!"), genuine)).toBe(false);
    expect(verifyOpenChannelSignature(secret, "1763740801", rawBody, genuine)).toBe(false);
    expect(verifyOpenChannelSignature(secret, timestamp, rawBody, genuine.slice(0, -1))).toBe(false);
    expect(verifyOpenChannelSignature(secret, timestamp, rawBody, genuine.replace("sha256=", ""))).toBe(false);
    expect(verifyOpenChannelSignature(secret, timestamp, rawBody, signOpenChannelPayload("forger", timestamp, rawBody))).toBe(false);
    expect(verifyOpenChannelSignature(secret, timestamp, rawBody, "")).toBe(false);
  });
});
