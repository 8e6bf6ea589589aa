import type { Typology } from "../../../common/domain/agent-record.ts";

export interface TypologySettingField {
  key: string;
  label: string;
  kind: "switch" | "number" | "text";
  hint?: string;
}

// seed 002: the settings of each typology, in the order the product page lists them.
export const TYPOLOGY_SETTING_FIELDS: Record<Typology, readonly TypologySettingField[]> = {
  phonebar: [
    { key: "remoteControl", label: "Remote control", kind: "switch", hint: "Turns on the phonebar API web service (click-to-dial)." },
    { key: "remoteControlPort", label: "Remote control port", kind: "number" },
    { key: "sipExpires", label: "SIP expires (seconds)", kind: "number", hint: "Time between SIP registrations." },
    { key: "sipSourcePort", label: "SIP source port", kind: "number" },
    { key: "sipDestinationPort", label: "SIP destination port", kind: "number", hint: "Required. 5061 for tls." },
    { key: "callForwarding", label: "Call forwarding (unconditional)", kind: "switch", hint: "The agent may forward calls to a number from the phonebar." },
    { key: "enableSettings", label: "Agent may change the phonebar settings", kind: "switch" },
    { key: "autoAnswer", label: "Auto answer", kind: "switch" },
    { key: "ringInUse", label: "Ring in use", kind: "switch", hint: "Rings while the agent is already on a call." },
    { key: "enableRecording", label: "Manual recording", kind: "switch" },
    { key: "enableDtmfTones", label: "DTMF tones", kind: "switch" },
    { key: "doNotDisturbDuringPause", label: "Do not disturb during pause", kind: "switch" },
    { key: "showUnansweredCallBadge", label: "Unanswered call badge", kind: "switch" },
    { key: "jawsIntegration", label: "JAWS screen reader integration", kind: "switch" },
    { key: "screenRecordingByAgent", label: "Screen recording by the agent", kind: "switch", hint: "Not together with automatic screen recording." },
    { key: "automaticScreenRecording", label: "Automatic screen recording", kind: "switch", hint: "Not together with screen recording by the agent." },
  ],
  webrtc: [
    { key: "autoAnswer", label: "Auto answer", kind: "switch" },
    { key: "autoAnswerDelaySeconds", label: "Auto answer delay (seconds)", kind: "number" },
    { key: "autoAnswerNotification", label: "Auto answer notification", kind: "switch", hint: "A browser notification until the call is answered." },
    { key: "wssPort", label: "WSS port", kind: "number", hint: "The port of the bar's WebRTC signalling." },
    { key: "enableSettings", label: "Agent may change the bar's settings", kind: "switch" },
    { key: "enableRecording", label: "Manual recording", kind: "switch" },
    { key: "enableDtmfTones", label: "DTMF tones", kind: "switch" },
    { key: "doNotDisturbDuringPause", label: "Do not disturb during pause", kind: "switch" },
    { key: "ignoreBreakForPreviewCalls", label: "Preview calls during a break", kind: "switch" },
    { key: "ringInUse", label: "Ring in use", kind: "switch", hint: "Offers calls while the agent is busy." },
    { key: "sipExpires", label: "SIP expires (seconds)", kind: "number" },
  ],
  external: [{ key: "hotDesk", label: "Hot desk", kind: "switch", hint: "At sign-in the agent picks one of the registered phones." }],
  mobile: [{ key: "pushGateway", label: "Mobile app push gateway", kind: "text", hint: "host:port of your push gateway, e.g. 203.0.113.10:5060" }],
};
