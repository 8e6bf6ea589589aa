import { Secret, TOTP } from "otpauth";

// RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30-second steps.
const ISSUER = "Switchboard";
const PERIOD_SECONDS = 30;
const DIGITS = 6;
// One step either side: a phone clock a little off, or a code typed as it changes, still works.
const WINDOW = 1;

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/**
 * The time step of the code when it is valid within the window, else null. The caller records the step it
 * accepted so that a code is never accepted twice.
 */
export function matchTotpCode(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) {
    return null;
  }
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: now.getTime() }) + delta;
}

function totp(secret: string, accountName = "user"): TOTP {
  return new TOTP({ issuer: ISSUER, label: accountName, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS });
}
