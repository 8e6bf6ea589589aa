import { useState } from "react";
import type { Agent } from "../../../common/api/agents.ts";
import {
  CODECS,
  NAT_MODES,
  RECORD_TO_EXTENSION_FORMATS,
  SIP_PEER_TYPES,
  SIP_TRANSPORTS,
  UNSUPPORTED_CODECS,
  agentTelephonySchema,
  type VoiceSettings,
} from "../../../common/domain/agent-record.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { TextField } from "../../components/text-field.tsx";
import { agentErrorsFromZodError, errorOf } from "./agent-field-errors.ts";
import { OrderedChoiceField } from "../../components/ordered-choice-field.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { useSaveAgent, useStoredAgent, type AgentSaving } from "./use-save-agent.ts";

const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

// seed 002, Voice: the agent's SIP client settings; every refused value comes back next to its field.
export function AgentVoiceTab({ agentId }: { agentId: string }) {
  const agent = useStoredAgent(agentId);
  const saving = useSaveAgent(agentId);
  if (!agent.data) {
    return <p role="status">Loading…</p>;
  }
  return <VoiceForm key={agent.data.updatedAt} agent={agent.data} saving={saving} />;
}

function VoiceForm({ agent, saving }: { agent: Agent; saving: AgentSaving }) {
  const [draft, setDraft] = useState<VoiceSettings>(agent.voiceSettings);
  const set = <Key extends keyof VoiceSettings>(key: Key) => (value: VoiceSettings[Key]) => {
    saving.edited();
    setDraft((previous) => ({ ...previous, [key]: value }));
  };
  const error = (key: keyof VoiceSettings) => errorOf(saving.errors, `voiceSettings.${key}`);
  const refusedCodecs = UNSUPPORTED_CODECS[agent.typology];

  const save = () => {
    // The whole telephony is checked as the server checks it: the typology's rules apply to the voice settings.
    const parsed = agentTelephonySchema.safeParse({ typology: agent.typology, typologySettings: agent.typologySettings, voiceSettings: draft });
    if (!parsed.success) {
      saving.refuse(agentErrorsFromZodError(parsed.error));
      return;
    }
    saving.submit(JSON.stringify(draft) === JSON.stringify(agent.voiceSettings) ? {} : { voiceSettings: draft });
  };

  return (
    <form
      className="form agents-form"
      aria-label="Voice"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p>
        Internal number: <strong>{agent.extension ?? "none"}</strong> (change it under Account).
      </p>
      <div className="agents-form-grid">
        <OrderedChoiceField legend="Transports" hint="In order of preference." options={SIP_TRANSPORTS} value={draft.transports} onChange={set("transports")} error={error("transports")} />
        <OrderedChoiceField
          legend="Allowed codecs"
          hint={refusedCodecs.length > 0 ? `In order of preference. ${refusedCodecs.join(", ")} does not work with ${agent.typology} agents.` : "In order of preference."}
          options={CODECS}
          value={draft.allowedCodecs}
          onChange={set("allowedCodecs")}
          error={error("allowedCodecs")}
        />
        <TextField label="Host" hint="dynamic, or the IP address of a fixed phone." value={draft.host} onChange={set("host")} error={error("host")} />
        <SelectField label="NAT" value={draft.nat} options={options(NAT_MODES)} onChange={(value) => set("nat")(value as VoiceSettings["nat"])} error={error("nat")} />
        <SelectField label="Type" hint="user: incoming calls; peer: outgoing; friend: both." value={draft.type} options={options(SIP_PEER_TYPES)} onChange={(value) => set("type")(value as VoiceSettings["type"])} error={error("type")} />
        <TextField label="Caller ID" hint="Shown to the people the agent calls." value={draft.callerId} onChange={set("callerId")} maxLength={80} error={error("callerId")} />
        <TextField label="Context" hint="Recommended: from-sip." value={draft.context} onChange={set("context")} maxLength={80} error={error("context")} />
        <TextField label="Call group" hint="Numbers 0 to 63, e.g. 1,3-5." value={draft.callGroup} onChange={set("callGroup")} error={error("callGroup")} />
        <TextField label="Pickup group" hint="Numbers 0 to 63, e.g. 1,3-5." value={draft.pickupGroup} onChange={set("pickupGroup")} error={error("pickupGroup")} />
        <SelectField
          label="Record calls to the extension"
          value={draft.recordToExtension}
          options={options(RECORD_TO_EXTENSION_FORMATS)}
          onChange={(value) => set("recordToExtension")(value as VoiceSettings["recordToExtension"])}
          error={error("recordToExtension")}
        />
      </div>
      <SwitchField label="Chanspy" hint="Administrators may listen to the agent's calls." checked={draft.chanspy} onChange={set("chanspy")} error={error("chanspy")} />
      <SwitchField label="Video" hint="The trunk carries video." checked={draft.video} onChange={set("video")} error={error("video")} />
      <SwitchField
        label="Encryption (SRTP)"
        hint={agent.typology === "mobile" ? "Required when the mobile agent uses tls." : undefined}
        checked={draft.encryption}
        onChange={set("encryption")}
        error={error("encryption")}
      />
      <SaveBar busy={saving.busy} status={saving.status} failure={saving.failure} />
    </form>
  );
}
