import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { MessageMedia } from "../../db/tables.ts";
import { BadRequestError, ForbiddenError, AppError } from "../../lib/errors.ts";
import type { SmsDeliveryService } from "./sms-delivery.service.ts";
import type { SmsInboundService } from "./sms-inbound.service.ts";
import { INBOUND_SMS_PATH, isSignedByTwilio, SMS_STATUS_PATH, type TwilioSettings } from "./twilio-settings.ts";

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const SIGNATURE_HEADER = "x-twilio-signature";
const FORM_BODY_LIMIT = 64 * 1024;
const MEDIA_MAX = 10;

const messageSidSchema = z.string("MessageSid: required").regex(/^(SM|MM)[0-9a-fA-F]{32}$/u, "MessageSid: SM or MM and 32 hexadecimal digits");
const addressSchema = (field: string) => z.string(`${field}: required`).trim().min(1, `${field}: required`).max(64, `${field}: at most 64 characters`);

// Twilio's inbound message webhook (form-encoded): the fields we use; Twilio sends more, all of them signed.
const inboundSmsSchema = z.looseObject({
  MessageSid: messageSidSchema,
  From: addressSchema("From"),
  To: addressSchema("To"),
  Body: z.string("Body: text").max(1600, "Body: at most 1600 characters").default(""),
  NumMedia: z.coerce.number("NumMedia: a number").int("NumMedia: a whole number").min(0, "NumMedia: 0 to 10").max(MEDIA_MAX, "NumMedia: 0 to 10").default(0),
  MessagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/u, "MessagingServiceSid: MG and 32 hexadecimal digits").optional(),
});

const statusCallbackSchema = z.looseObject({
  MessageSid: messageSidSchema,
  MessageStatus: z.string("MessageStatus: required").min(1, "MessageStatus: required").max(32, "MessageStatus: at most 32 characters"),
  ErrorCode: z.coerce.number("ErrorCode: a number").int("ErrorCode: a whole number").optional(),
});
const statusQuerySchema = z.object({ messageId: z.uuid("messageId: a message id").optional() });

type FormParams = Record<string, string | string[]>;

function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = params[key];
    params[key] = existing === undefined ? value : [existing, value].flat();
  }
  return params;
}

function parse<Shape>(schema: z.ZodType<Shape>, input: unknown): Shape {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "body", message: issue.message }));
    throw new BadRequestError("validation_failed", details.map((detail) => detail.message).join("; "), details);
  }
  return parsed.data;
}

function mediaOf(params: Record<string, unknown>, count: number): MessageMedia[] {
  const media: MessageMedia[] = [];
  for (let index = 0; index < count; index += 1) {
    const url = params[`MediaUrl${index}`];
    const contentType = params[`MediaContentType${index}`];
    if (typeof url === "string" && /^https?:\/\//u.test(url)) {
      media.push({ url, contentType: typeof contentType === "string" ? contentType : null });
    }
  }
  return media;
}

/**
 * Twilio's webhooks (issue 5, items 1 and 2), outside /api/v1: Twilio authenticates by X-Twilio-Signature. The
 * signature is checked before anything is read from the body: a forged or unsigned request gets 403 and leaves
 * nothing behind. Form bodies are parsed only here; the API stays JSON only.
 */
export async function registerTwilioWebhookRoutes(app: FastifyInstance, inbound: SmsInboundService, delivery: SmsDeliveryService, settings: TwilioSettings): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, parseForm(String(body)));
    });
    const verify = async (request: FastifyRequest): Promise<void> => {
      if (!settings.authToken || !settings.publicUrl) {
        request.log.warn("Twilio webhook refused: TWILIO_AUTH_TOKEN and PUBLIC_URL are needed to check signatures");
        throw new AppError(503, "twilio_not_configured", "Texting is not set up: TWILIO_AUTH_TOKEN and PUBLIC_URL are needed to check Twilio's signatures.");
      }
      const signature = request.headers[SIGNATURE_HEADER];
      const params = request.body !== null && typeof request.body === "object" && !Array.isArray(request.body) ? (request.body as FormParams) : {};
      if (!isSignedByTwilio(settings, typeof signature === "string" ? signature : undefined, request.url, params)) {
        throw new ForbiddenError("invalid_twilio_signature", "X-Twilio-Signature is missing or does not match this request.");
      }
    };

    scope.post(INBOUND_SMS_PATH, { config: { access: "public" }, preValidation: verify, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const sms = parse(inboundSmsSchema, request.body);
      await inbound.receive({
        messageSid: sms.MessageSid,
        from: sms.From,
        to: sms.To,
        body: sms.Body,
        messagingServiceSid: sms.MessagingServiceSid ?? null,
        media: mediaOf(sms, sms.NumMedia),
      });
      // Committed: an empty TwiML answer (no automatic reply; agents answer).
      return reply.code(200).header("content-type", "text/xml; charset=utf-8").send(EMPTY_TWIML);
    });

    scope.post(SMS_STATUS_PATH, { config: { access: "public" }, preValidation: verify, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const callback = parse(statusCallbackSchema, request.body);
      const query = parse(statusQuerySchema, request.query);
      await delivery.applyStatus({ messageSid: callback.MessageSid, status: callback.MessageStatus, errorCode: callback.ErrorCode ?? null, messageId: query.messageId });
      return reply.code(204).send();
    });
  });
}
