import { z } from "zod";
import type { FieldIssue } from "../api/errors.ts";

// product.md, The agent record (seed 002): typologies, their settings, the voice (SIP) settings and the rules
// that cross them. Messages inside nested objects give the rule only: the error body prefixes the field's
// full path ("voiceSettings.nat: one of yes, no, …").

export const TYPOLOGIES = ["webrtc", "phonebar", "external", "mobile"] as const;
export const typologySchema = z.enum(TYPOLOGIES, `typology: one of ${TYPOLOGIES.join(", ")}`);
export type Typology = z.infer<typeof typologySchema>;

export const TOAST_POSITIONS = ["top-left", "top-center", "top-right", "bottom-left", "bottom-center", "bottom-right"] as const;
export const toastPositionSchema = z.enum(TOAST_POSITIONS, `toastPosition: one of ${TOAST_POSITIONS.join(", ")}`);
export type ToastPosition = z.infer<typeof toastPositionSchema>;
export const DEFAULT_TOAST_POSITION: ToastPosition = "top-right";

// Internal numbers are dialled: digits only.
export const EXTENSION_PATTERN = /^[0-9]{2,10}$/;
export const extensionSchema = z.string("extension: 2 to 10 digits").regex(EXTENSION_PATTERN, "extension: 2 to 10 digits");

export const SIP_TRANSPORTS = ["udp", "tcp", "tls", "ws", "wss"] as const;
export const NAT_MODES = ["yes", "no", "force_rport", "comedia", "never", "route"] as const;
export const SIP_PEER_TYPES = ["user", "peer", "friend"] as const;
export const CODECS = ["ulaw", "alaw", "gsm", "g722", "g729", "opus"] as const;
export const RECORD_TO_EXTENSION_FORMATS = ["inactive", "wav", "wav49", "gsm"] as const;
/** Codecs the softphones cannot use (seed 002: "codec g729 is not compatible with the Phonebar and WebRTC Agent"). */
export const UNSUPPORTED_CODECS: Record<Typology, readonly (typeof CODECS)[number][]> = {
  phonebar: ["g729"],
  webrtc: ["g729"],
  external: [],
  mobile: [],
};

const flag = (fallback: boolean) => z.boolean("true or false").default(fallback);
const port = (fallback: number) => z.int("a port number from 1 to 65535").min(1, "a port number from 1 to 65535").max(65535, "a port number from 1 to 65535").default(fallback);
const sipExpires = () => z.int("a whole number of seconds").min(60, "at least 60 seconds").max(86_400, "at most 86400 seconds").default(3600);
const oneOf = (values: readonly string[]) => `one of ${values.join(", ")}`;
const unknownSettingError = (typology: Typology) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys" ? `not a ${typology} setting: ${(issue.keys ?? []).join(", ")}` : "an object of settings";

// Phonebar (seed 002, "Phonebar Agents"): remote control API, SIP ports, screen recording.
export const phonebarSettingsSchema = z
  .strictObject(
    {
      remoteControl: flag(false),
      remoteControlPort: port(9888),
      sipExpires: sipExpires(),
      sipSourcePort: port(5160),
      sipDestinationPort: z.int("required: a port number from 1 to 65535").min(1, "a port number from 1 to 65535").max(65535, "a port number from 1 to 65535").default(5060),
      callForwarding: flag(false),
      enableSettings: flag(false),
      autoAnswer: flag(false),
      ringInUse: flag(false),
      enableRecording: flag(false),
      enableDtmfTones: flag(true),
      // Seed 002: "Do not disturb during pause ... (default=enabled)".
      doNotDisturbDuringPause: flag(true),
      showUnansweredCallBadge: flag(false),
      jawsIntegration: flag(false),
      screenRecordingByAgent: flag(false),
      automaticScreenRecording: flag(false),
    },
    { error: unknownSettingError("phonebar") },
  )
  .superRefine((settings, context) => {
    // Seed 002: "The following two options are mutually exclusive".
    if (settings.screenRecordingByAgent && settings.automaticScreenRecording) {
      context.addIssue({
        code: "custom",
        path: ["automaticScreenRecording"],
        message: "cannot be on together with screenRecordingByAgent (they are mutually exclusive)",
      });
    }
  });
export type PhonebarSettings = z.infer<typeof phonebarSettingsSchema>;

// WebRTC (seed 002, "WebRTC Agents"): the bar in the page.
export const webrtcSettingsSchema = z.strictObject(
  {
    autoAnswer: flag(false),
    autoAnswerDelaySeconds: z.int("a whole number of seconds").min(0, "at least 0 seconds").max(60, "at most 60 seconds").default(0),
    autoAnswerNotification: flag(false),
    wssPort: port(8089),
    enableSettings: flag(false),
    enableRecording: flag(false),
    enableDtmfTones: flag(true),
    doNotDisturbDuringPause: flag(false),
    ignoreBreakForPreviewCalls: flag(false),
    ringInUse: flag(false),
    sipExpires: sipExpires(),
  },
  { error: unknownSettingError("webrtc") },
);
export type WebrtcSettings = z.infer<typeof webrtcSettingsSchema>;

// External phones (seed 002, "External Agents"): hot desk lets the agent pick a registered phone at sign-in.
export const externalSettingsSchema = z.strictObject({ hotDesk: flag(false) }, { error: unknownSettingError("external") });
export type ExternalSettings = z.infer<typeof externalSettingsSchema>;

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** `host:port` (an IPv6 address in brackets), port 1..65535. */
export function isHostAndPort(value: string): boolean {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):([0-9]{1,5})$/.exec(value);
  if (!match?.[1] || !match[2]) {
    return false;
  }
  const portNumber = Number(match[2]);
  if (portNumber < 1 || portNumber > 65535) {
    return false;
  }
  const host = match[1];
  return host.startsWith("[") ? z.ipv6().safeParse(host.slice(1, -1)).success : HOSTNAME.test(host) || z.ipv4().safeParse(host).success;
}

// Mobile (seed 002, "Motion App Settings"): the push gateway wakes the app for a call; required.
export const mobileSettingsSchema = z.strictObject(
  {
    pushGateway: z
      .string("required: host:port of the push gateway")
      .trim()
      .min(1, { message: "required: host:port of the push gateway", abort: true })
      .max(300, "at most 300 characters")
      .refine(isHostAndPort, "host:port, e.g. 203.0.113.10:5060"),
  },
  { error: unknownSettingError("mobile") },
);
export type MobileSettings = z.infer<typeof mobileSettingsSchema>;

export const typologySettingsSchemas = {
  phonebar: phonebarSettingsSchema,
  webrtc: webrtcSettingsSchema,
  external: externalSettingsSchema,
  mobile: mobileSettingsSchema,
} as const;
export type TypologySettings = PhonebarSettings | WebrtcSettings | ExternalSettings | MobileSettings;

/** Transports each typology starts with (seed 002: ws/wss for the browser bar, tcp for the mobile app). */
export const DEFAULT_TRANSPORTS: Record<Typology, (typeof SIP_TRANSPORTS)[number][]> = {
  webrtc: ["wss"],
  phonebar: ["udp", "tcp"],
  external: ["udp"],
  mobile: ["tcp"],
};

function withoutDuplicates(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

const ASTERISK_GROUPS = /^$|^([0-9]|[1-5][0-9]|6[0-3])(-([0-9]|[1-5][0-9]|6[0-3]))?(,([0-9]|[1-5][0-9]|6[0-3])(-([0-9]|[1-5][0-9]|6[0-3]))?)*$/;
const groupField = () => z.string("numbers 0 to 63, e.g. 1,3-5").trim().regex(ASTERISK_GROUPS, "numbers 0 to 63, e.g. 1,3-5").default("");

/** The voice (SIP) settings; `typology` only picks the default transports. */
export function voiceSettingsSchemaFor(typology: Typology) {
  return z.strictObject(
    {
      transports: z
        .array(z.enum(SIP_TRANSPORTS, oneOf(SIP_TRANSPORTS)), "a list of transports in order of preference")
        .min(1, "at least one transport")
        .refine(withoutDuplicates, "each transport once")
        .default(DEFAULT_TRANSPORTS[typology]),
      host: z
        .string("dynamic or an IP address")
        .trim()
        .refine((value) => value === "dynamic" || z.ipv4().safeParse(value).success || z.ipv6().safeParse(value).success, "dynamic or an IP address")
        .default("dynamic"),
      nat: z.enum(NAT_MODES, oneOf(NAT_MODES)).default("force_rport"),
      type: z.enum(SIP_PEER_TYPES, oneOf(SIP_PEER_TYPES)).default("friend"),
      allowedCodecs: z
        .array(z.enum(CODECS, oneOf(CODECS)), "a list of codecs")
        .min(1, "at least one codec")
        .refine(withoutDuplicates, "each codec once")
        .default(["ulaw", "alaw"]),
      callerId: z.string("text").trim().max(80, "at most 80 characters").default(""),
      context: z
        .string("letters, digits, - and _")
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,80}$/, "1 to 80 letters, digits, - and _")
        .default("from-sip"),
      callGroup: groupField(),
      pickupGroup: groupField(),
      chanspy: flag(false),
      video: flag(false),
      recordToExtension: z.enum(RECORD_TO_EXTENSION_FORMATS, oneOf(RECORD_TO_EXTENSION_FORMATS)).default("inactive"),
      encryption: flag(false),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `not a voice setting: ${issue.keys.join(", ")}` : "an object of settings") },
  );
}
export type VoiceSettings = z.infer<ReturnType<typeof voiceSettingsSchemaFor>>;

/** Rules between a typology and the voice settings, as issues with the field's full path. */
export function telephonyIssues(typology: Typology, voiceSettings: Pick<VoiceSettings, "allowedCodecs" | "transports" | "encryption">): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const refused = voiceSettings.allowedCodecs.filter((codec) => UNSUPPORTED_CODECS[typology].includes(codec));
  if (refused.length > 0) {
    issues.push({ field: "voiceSettings.allowedCodecs", message: `voiceSettings.allowedCodecs: ${refused.join(", ")} is not supported by ${typology} agents` });
  }
  // Seed 002, Mobile agents: "if you use TLS, you need to select tls protocol; moreover it's necessary to enable encryption=yes".
  if (typology === "mobile" && voiceSettings.transports.includes("tls") && !voiceSettings.encryption) {
    issues.push({ field: "voiceSettings.encryption", message: "voiceSettings.encryption: must be on for a mobile agent using tls" });
  }
  return issues;
}

// prefault: a missing object is parsed as {}, so every default applies and required settings are asked for.
const telephonyVariants = [
  z.object({ typology: z.literal("webrtc"), typologySettings: webrtcSettingsSchema.prefault({}), voiceSettings: voiceSettingsSchemaFor("webrtc").prefault({}) }),
  z.object({ typology: z.literal("phonebar"), typologySettings: phonebarSettingsSchema.prefault({}), voiceSettings: voiceSettingsSchemaFor("phonebar").prefault({}) }),
  z.object({ typology: z.literal("external"), typologySettings: externalSettingsSchema.prefault({}), voiceSettings: voiceSettingsSchemaFor("external").prefault({}) }),
  z.object({ typology: z.literal("mobile"), typologySettings: mobileSettingsSchema.prefault(() => ({ pushGateway: "" })), voiceSettings: voiceSettingsSchemaFor("mobile").prefault({}) }),
] as const;

/**
 * An agent's typology with its settings and voice settings, validated together: the settings are those of the
 * typology (discriminated by it), defaults fill what is missing, and the rules that cross them apply.
 */
export const agentTelephonySchema = z
  .discriminatedUnion("typology", telephonyVariants, {
    error: (issue) => (issue.code === "invalid_union" ? `typology: one of ${TYPOLOGIES.join(", ")}` : undefined),
  })
  .superRefine((telephony, context) => {
    for (const issue of telephonyIssues(telephony.typology, telephony.voiceSettings)) {
      context.addIssue({ code: "custom", path: issue.field.split("."), message: issue.message.slice(issue.field.length + 2) });
    }
  });
export type AgentTelephony = z.infer<typeof agentTelephonySchema>;
export type AgentTelephonyInput = z.input<typeof agentTelephonySchema>;

/** Issues of a zod error with the field's full path, worded like the API's error body. */
export function fieldIssuesOfZodError(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "body";
    return { field, message: issue.message.startsWith(`${field}:`) ? issue.message : `${field}: ${issue.message}` };
  });
}
