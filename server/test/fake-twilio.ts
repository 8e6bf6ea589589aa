import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

// A local HTTP server speaking Twilio's Messages API as the official client calls it (form-encoded create at
// /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth, JSON answers, JSON errors with `code`), and the
// webhooks Twilio sends back, signed with the official package. TWILIO_API_BASE points the server at it.

export const TEST_ACCOUNT_SID = `AC${"a1".repeat(16)}`;
export const TEST_AUTH_TOKEN = "test-auth-token-0123456789abcdef";
/** The address Twilio calls in tests: signatures are over it; a proxy would forward it to the server. */
export const TEST_PUBLIC_URL = "https://switchboard.example.com";

export function twilioSid(prefix: "SM" | "MM" | "MG" | "PN"): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

/** One message create Twilio received: its form parameters. */
export interface SentMessage {
  sid: string;
  params: Record<string, string>;
}

/** What the fake answers to the next creates: a success, or Twilio's error body with an HTTP status. */
export type FakeAnswer = { kind: "accept"; status?: "queued" | "accepted" } | { kind: "error"; httpStatus: number; code: number; message: string };

export interface FakeTwilio {
  url: string;
  sent: SentMessage[];
  /** The answers to the next creates, in order; then every create is accepted (`queued`). */
  answerWith(...answers: FakeAnswer[]): void;
  /** Resolves with the next message created from now on. */
  nextMessage(): Promise<SentMessage>;
  /** Twilio's status callback for a message it took, to the StatusCallback URL of its create, signed. */
  sendStatus(serverUrl: string, message: SentMessage, status: string, errorCode?: number): Promise<Response>;
  close(): Promise<void>;
}

export const TOO_MANY_REQUESTS: FakeAnswer = { kind: "error", httpStatus: 429, code: 20429, message: "Too Many Requests" };
export const SERVER_ERROR: FakeAnswer = { kind: "error", httpStatus: 500, code: 20500, message: "Internal Server Error" };
export const UNSUBSCRIBED: FakeAnswer = { kind: "error", httpStatus: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" };
export const INVALID_TO: FakeAnswer = { kind: "error", httpStatus: 400, code: 21211, message: "The 'To' number is not a valid phone number." };

export async function startFakeTwilio(credentials: { accountSid: string; authToken: string } = { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN }): Promise<FakeTwilio> {
  const sent: SentMessage[] = [];
  let answers: FakeAnswer[] = [];
  const waiting: ((message: SentMessage) => void)[] = [];
  const expectedAuthorization = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;
  const messagesPath = `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`;

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      handle(request, Buffer.concat(chunks).toString("utf8"), response);
    });
  });

  function handle(request: IncomingMessage, rawBody: string, response: ServerResponse): void {
    if (request.headers.authorization !== expectedAuthorization) {
      json(response, 401, twilioError(20003, "Authenticate", 401));
      return;
    }
    if (request.method !== "POST" || request.url !== messagesPath) {
      json(response, 404, twilioError(20404, `The requested resource ${request.url ?? ""} was not found`, 404));
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(rawBody));
    if (!params.To || (!params.Body && !params.MediaUrl) || (!params.From && !params.MessagingServiceSid)) {
      json(response, 400, twilioError(21604, "A 'To', a 'Body' and a 'From' or 'MessagingServiceSid' are required.", 400));
      return;
    }
    const answer = answers.shift() ?? { kind: "accept" };
    if (answer.kind === "error") {
      json(response, answer.httpStatus, twilioError(answer.code, answer.message, answer.httpStatus));
      return;
    }
    const message: SentMessage = { sid: twilioSid("SM"), params };
    sent.push(message);
    for (const notify of waiting.splice(0)) {
      notify(message);
    }
    json(response, 201, messageResource(credentials.accountSid, message, answer.status ?? "queued"));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    answerWith: (...next) => {
      answers = next;
    },
    nextMessage: () => new Promise((resolve) => waiting.push(resolve)),
    sendStatus: async (serverUrl, message, status, errorCode) => {
      const callback = message.params.StatusCallback;
      if (!callback) {
        throw new Error("the message was created without a StatusCallback");
      }
      const params: Record<string, string> = {
        AccountSid: credentials.accountSid,
        ApiVersion: "2010-04-01",
        From: message.params.From ?? "",
        MessageSid: message.sid,
        MessageStatus: status,
        SmsSid: message.sid,
        SmsStatus: status,
        To: message.params.To ?? "",
        ...(message.params.MessagingServiceSid ? { MessagingServiceSid: message.params.MessagingServiceSid } : {}),
        ...(errorCode === undefined ? {} : { ErrorCode: String(errorCode) }),
      };
      return postSignedForm(serverUrl, callback, params, credentials.authToken);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function twilioError(code: number, message: string, status: number): Record<string, unknown> {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function messageResource(accountSid: string, message: SentMessage, status: string): Record<string, unknown> {
  const now = new Date().toUTCString().replace("GMT", "+0000");
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: message.params.Body ?? "",
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: message.params.From ?? null,
    messaging_service_sid: message.params.MessagingServiceSid ?? null,
    num_media: "0",
    num_segments: "1",
    price: null,
    price_unit: "USD",
    sid: message.sid,
    status,
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
    to: message.params.To,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
  };
}

/**
 * Posts a form to the server as Twilio would: `publicAddress` is the full URL Twilio was configured with (the
 * signature covers it and every parameter); the request itself goes to the server's own address, same path.
 */
export async function postSignedForm(serverUrl: string, publicAddress: string, params: Record<string, string>, authToken: string = TEST_AUTH_TOKEN, signature?: string): Promise<Response> {
  const target = new URL(publicAddress);
  const local = new URL(`${target.pathname}${target.search}`, serverUrl);
  return fetch(local, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature ?? twilio.getExpectedTwilioSignature(authToken, publicAddress, params),
      "user-agent": "TwilioProxy/1.1",
    },
    body: new URLSearchParams(params).toString(),
  });
}

/** Twilio's inbound message webhook for one SMS (or MMS), as a single number or a Messaging Service sends it. */
export function inboundSmsParams(message: { from: string; to: string; body: string; messageSid?: string; messagingServiceSid?: string; media?: { url: string; contentType: string }[] }): Record<string, string> {
  const sid = message.messageSid ?? twilioSid("SM");
  const media = message.media ?? [];
  return {
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: sid,
    NumMedia: String(media.length),
    ToCity: "SAN FRANCISCO",
    FromZip: "94105",
    SmsSid: sid,
    FromState: "CA",
    SmsStatus: "received",
    FromCity: "SAN FRANCISCO",
    Body: message.body,
    FromCountry: "US",
    To: message.to,
    ToZip: "94105",
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: TEST_ACCOUNT_SID,
    From: message.from,
    ApiVersion: "2010-04-01",
    ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
    ...Object.fromEntries(media.flatMap((item, index) => [[`MediaUrl${index}`, item.url], [`MediaContentType${index}`, item.contentType]])),
  };
}
