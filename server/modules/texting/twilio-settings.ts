import twilio from "twilio";

/** What the texting module needs of the settings (server/config.ts; README, Settings). */
export interface TwilioSettings {
  accountSid: string | undefined;
  authToken: string | undefined;
  apiBase: string;
  /** The address Twilio calls: signatures are computed over it, and status callbacks point to it. */
  publicUrl: string | undefined;
}

export const INBOUND_SMS_PATH = "/webhooks/twilio/sms";
export const SMS_STATUS_PATH = "/webhooks/twilio/sms/status";

/** The full address Twilio called: PUBLIC_URL followed by the path and query string exactly as requested. */
export function publicAddressOf(publicUrl: string, pathAndQuery: string): string {
  return `${publicUrl.replace(/\/+$/u, "")}${pathAndQuery}`;
}

/**
 * Twilio's own check (the official validator): X-Twilio-Signature is an HMAC-SHA1, keyed by the auth token, of the
 * full URL Twilio called followed by every POST parameter sorted by name. Every parameter counts, whatever Twilio
 * adds: a Messaging Service pool sends MessagingServiceSid and others a single number does not, so the check must
 * never pick the fields it knows (issue 5: a check that did broke pools).
 */
export function isSignedByTwilio(settings: TwilioSettings, signature: string | undefined, pathAndQuery: string, params: Record<string, string | string[]>): boolean {
  if (!signature || !settings.authToken || !settings.publicUrl) {
    return false;
  }
  return twilio.validateRequest(settings.authToken, signature, publicAddressOf(settings.publicUrl, pathAndQuery), params);
}

export function isTwilioConfigured(settings: TwilioSettings): settings is TwilioSettings & { accountSid: string; authToken: string } {
  return Boolean(settings.accountSid && settings.authToken);
}
