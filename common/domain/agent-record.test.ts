import { describe, expect, it } from "vitest";
import { agentTelephonySchema, extensionSchema, fieldIssuesOfZodError, isHostAndPort, telephonyIssues, toastPositionSchema } from "./agent-record.ts";

function issuesOf(input: unknown): string[] {
  const parsed = agentTelephonySchema.safeParse(input);
  return parsed.success ? [] : fieldIssuesOfZodError(parsed.error).map((issue) => issue.message);
}

describe("agent telephony: typology, its settings and the voice settings", () => {
  it("fills every default of a typology from an empty object", () => {
    expect(agentTelephonySchema.parse({ typology: "phonebar" })).toEqual({
      typology: "phonebar",
      typologySettings: {
        remoteControl: false,
        remoteControlPort: 9888,
        sipExpires: 3600,
        sipSourcePort: 5160,
        sipDestinationPort: 5060,
        callForwarding: false,
        enableSettings: false,
        autoAnswer: false,
        ringInUse: false,
        enableRecording: false,
        enableDtmfTones: true,
        doNotDisturbDuringPause: true,
        showUnansweredCallBadge: false,
        jawsIntegration: false,
        screenRecordingByAgent: false,
        automaticScreenRecording: false,
      },
      voiceSettings: {
        transports: ["udp", "tcp"],
        host: "dynamic",
        nat: "force_rport",
        type: "friend",
        allowedCodecs: ["ulaw", "alaw"],
        callerId: "",
        context: "from-sip",
        callGroup: "",
        pickupGroup: "",
        chanspy: false,
        video: false,
        recordToExtension: "inactive",
        encryption: false,
      },
    });
    expect(agentTelephonySchema.parse({ typology: "webrtc" }).voiceSettings.transports).toEqual(["wss"]);
    expect(agentTelephonySchema.parse({ typology: "external" }).typologySettings).toEqual({ hotDesk: false });
  });

  it.each([
    ["an unknown typology", { typology: "desk" }, ["typology: one of webrtc, phonebar, external, mobile"]],
    ["a mobile agent without push gateway", { typology: "mobile" }, ["typologySettings.pushGateway: required: host:port of the push gateway"]],
    ["a push gateway without port", { typology: "mobile", typologySettings: { pushGateway: "push.example.com" } }, ["typologySettings.pushGateway: host:port, e.g. 203.0.113.10:5060"]],
    [
      "both screen recordings on",
      { typology: "phonebar", typologySettings: { screenRecordingByAgent: true, automaticScreenRecording: true } },
      ["typologySettings.automaticScreenRecording: cannot be on together with screenRecordingByAgent (they are mutually exclusive)"],
    ],
    ["a remote control port out of range", { typology: "phonebar", typologySettings: { remoteControlPort: 70000 } }, ["typologySettings.remoteControlPort: a port number from 1 to 65535"]],
    ["no SIP destination port", { typology: "phonebar", typologySettings: { sipDestinationPort: null } }, ["typologySettings.sipDestinationPort: required: a port number from 1 to 65535"]],
    ["SIP expires too short", { typology: "webrtc", typologySettings: { sipExpires: 5 } }, ["typologySettings.sipExpires: at least 60 seconds"]],
    ["a setting of another typology", { typology: "phonebar", typologySettings: { hotDesk: true } }, ["typologySettings: not a phonebar setting: hotDesk"]],
    ["g729 for a phonebar agent", { typology: "phonebar", voiceSettings: { allowedCodecs: ["ulaw", "g729"] } }, ["voiceSettings.allowedCodecs: g729 is not supported by phonebar agents"]],
    ["g729 for a webrtc agent", { typology: "webrtc", voiceSettings: { allowedCodecs: ["g729"] } }, ["voiceSettings.allowedCodecs: g729 is not supported by webrtc agents"]],
    ["an unknown codec", { typology: "external", voiceSettings: { allowedCodecs: ["speex"] } }, ["voiceSettings.allowedCodecs.0: one of ulaw, alaw, gsm, g722, g729, opus"]],
    ["no codec", { typology: "external", voiceSettings: { allowedCodecs: [] } }, ["voiceSettings.allowedCodecs: at least one codec"]],
    ["a codec twice", { typology: "external", voiceSettings: { allowedCodecs: ["ulaw", "ulaw"] } }, ["voiceSettings.allowedCodecs: each codec once"]],
    ["no transport", { typology: "external", voiceSettings: { transports: [] } }, ["voiceSettings.transports: at least one transport"]],
    ["a transport twice", { typology: "external", voiceSettings: { transports: ["udp", "tcp", "udp"] } }, ["voiceSettings.transports: each transport once"]],
    ["an unknown transport", { typology: "external", voiceSettings: { transports: ["sctp"] } }, ["voiceSettings.transports.0: one of udp, tcp, tls, ws, wss"]],
    ["a host that is neither dynamic nor an IP", { typology: "external", voiceSettings: { host: "pbx.local" } }, ["voiceSettings.host: dynamic or an IP address"]],
    ["an unknown NAT mode", { typology: "external", voiceSettings: { nat: "maybe" } }, ["voiceSettings.nat: one of yes, no, force_rport, comedia, never, route"]],
    ["an unknown peer type", { typology: "external", voiceSettings: { type: "trunk" } }, ["voiceSettings.type: one of user, peer, friend"]],
    ["an unknown recording format", { typology: "external", voiceSettings: { recordToExtension: "mp3" } }, ["voiceSettings.recordToExtension: one of inactive, wav, wav49, gsm"]],
    ["a call group out of range", { typology: "external", voiceSettings: { callGroup: "1,64" } }, ["voiceSettings.callGroup: numbers 0 to 63, e.g. 1,3-5"]],
    ["a context with spaces", { typology: "external", voiceSettings: { context: "from sip" } }, ["voiceSettings.context: 1 to 80 letters, digits, - and _"]],
    [
      "a mobile agent on tls without encryption",
      { typology: "mobile", typologySettings: { pushGateway: "203.0.113.10:5060" }, voiceSettings: { transports: ["tls"] } },
      ["voiceSettings.encryption: must be on for a mobile agent using tls"],
    ],
  ])("refuses %s", (_case, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it.each([
    ["g729 for an external phone", { typology: "external", voiceSettings: { allowedCodecs: ["g729", "ulaw"] } }],
    ["g729 for a mobile agent", { typology: "mobile", typologySettings: { pushGateway: "push.example.com:5060" }, voiceSettings: { allowedCodecs: ["g729"] } }],
    ["a mobile agent on tls with encryption", { typology: "mobile", typologySettings: { pushGateway: "[2001:db8::1]:5061" }, voiceSettings: { transports: ["tls", "tcp"], encryption: true } }],
    ["a webrtc agent on tls without encryption", { typology: "webrtc", voiceSettings: { transports: ["tls", "wss"] } }],
    ["one screen recording", { typology: "phonebar", typologySettings: { screenRecordingByAgent: true } }],
    ["a fixed IPv4 host and groups", { typology: "phonebar", voiceSettings: { host: "192.0.2.7", callGroup: "1,3-5", pickupGroup: "63" } }],
    ["a fixed IPv6 host", { typology: "external", voiceSettings: { host: "2001:db8::7" } }],
  ])("accepts %s", (_case, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  it("keeps the order of the transports: it is the order of preference", () => {
    expect(agentTelephonySchema.parse({ typology: "external", voiceSettings: { transports: ["tls", "udp", "tcp"] } }).voiceSettings.transports).toEqual(["tls", "udp", "tcp"]);
  });

  it("checks the typology rules on their own, for merged updates", () => {
    expect(telephonyIssues("phonebar", { allowedCodecs: ["g729"], transports: ["udp"], encryption: false }).map((issue) => issue.field)).toEqual(["voiceSettings.allowedCodecs"]);
    expect(telephonyIssues("external", { allowedCodecs: ["g729"], transports: ["tls"], encryption: false })).toEqual([]);
  });
});

describe("agent record fields", () => {
  it.each([
    ["1001", true],
    ["42", true],
    ["0123456789", true],
    ["1", false],
    ["12345678901", false],
    ["10a1", false],
    ["+3910", false],
  ])("extension %j is valid: %s", (extension, valid) => {
    expect(extensionSchema.safeParse(extension).success).toBe(valid);
  });

  it.each([
    ["top-right", true],
    ["bottom-center", true],
    ["middle-left", false],
    ["top", false],
  ])("toast position %j is valid: %s", (position, valid) => {
    expect(toastPositionSchema.safeParse(position).success).toBe(valid);
  });

  it.each([
    ["203.0.113.10:5060", true],
    ["push.example.com:443", true],
    ["[2001:db8::1]:5060", true],
    ["push.example.com", false],
    ["push.example.com:0", false],
    ["push.example.com:70000", false],
    ["push example.com:80", false],
    ["2001:db8::1:5060", false],
    [":5060", false],
  ])("push gateway %j is host:port: %s", (value, valid) => {
    expect(isHostAndPort(value)).toBe(valid);
  });
});
