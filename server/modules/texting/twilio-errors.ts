// What a failed send or a status callback's ErrorCode means, for the agent who sees it next to the reply
// (issue 5, item 2: a final failure is shown with Twilio's error code). Twilio's catalogue has more; these are the
// ones a texting agent meets. https://www.twilio.com/docs/api/errors
const KNOWN_ERRORS: Readonly<Record<number, string>> = {
  20003: "Twilio refused our credentials (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)",
  20429: "Too many requests to Twilio",
  21211: "The customer's number is not a valid phone number",
  21408: "Sending to this region is not enabled on the Twilio account",
  21606: "Our number cannot send SMS",
  21610: "The customer replied STOP: Twilio sends them nothing until they reply START",
  21612: "Twilio cannot route from our number to the customer's",
  21614: "The customer's number is not a mobile number",
  30003: "The customer's phone is unreachable",
  30004: "The message was blocked",
  30005: "Unknown number: it may no longer exist",
  30006: "A landline or unreachable carrier",
  30007: "The carrier filtered the message",
  30008: "Unknown error from the carrier",
};

/** Twilio's error code that means the recipient unsubscribed (a STOP Twilio itself honours). */
export const UNSUBSCRIBED_RECIPIENT = 21610;

export function twilioErrorText(code: number | null, fallback?: string): string {
  if (code !== null && KNOWN_ERRORS[code]) {
    return KNOWN_ERRORS[code];
  }
  return fallback && fallback.length > 0 ? fallback : code === null ? "Twilio did not take the message" : `Twilio error ${code}`;
}

export interface SendFailure {
  /** HTTP status of Twilio's answer; null when no answer came (network, timeout). */
  status: number | null;
  code: number | null;
  message: string;
  /** 429 and 5xx (and no answer at all) are worth another try; any other refusal is final. */
  retryable: boolean;
}

/** Reads the twilio client's RestException (status, code, message) or a network error. */
export function sendFailureOf(error: unknown): SendFailure {
  const fields = typeof error === "object" && error !== null ? (error as { status?: unknown; code?: unknown; message?: unknown }) : {};
  const status = typeof fields.status === "number" ? fields.status : null;
  const code = typeof fields.code === "number" ? fields.code : null;
  const raw = typeof fields.message === "string" ? fields.message : String(error);
  const retryable = status === null || status === 429 || status >= 500;
  return { status, code, message: twilioErrorText(code, raw), retryable };
}

/** Twilio's message statuses as our delivery states; null for statuses of inbound messages. */
export function deliveryOfStatus(status: string): "queued" | "sent" | "delivered" | "undelivered" | "failed" | null {
  switch (status) {
    case "accepted":
    case "scheduled":
    case "queued":
      return "queued";
    case "sending":
    case "sent":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "undelivered":
      return "undelivered";
    case "failed":
    case "canceled":
      return "failed";
    default:
      return null;
  }
}
