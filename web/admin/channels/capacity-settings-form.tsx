import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { updateChannelSettingsRequestSchema, type AccountSettings, type ChannelSettings } from "../../../common/api/channels.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import { channelQueryKeys, updateChannelSettings } from "../../api/channels.api.ts";
import { fieldErrorsFromZodError } from "../../api/field-errors.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";
import { CHANNEL_LABELS } from "./channel-labels.ts";

function capacityTexts(settings: ChannelSettings, account: AccountSettings): Partial<Record<Channel, string>> {
  return Object.fromEntries(account.enabledChannels.map((channel) => [channel, String(settings.defaultCapacity[channel])]));
}

function toNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

// product.md, Channels and capacity: "a default capacity per channel (0 = unlimited) and a max open tab
// limit across channels". An agent's own capacity overrides the default on the agent's Channels tab.
export function CapacitySettingsForm({ settings, account }: { settings: ChannelSettings; account: AccountSettings }) {
  const queryClient = useQueryClient();
  const [capacities, setCapacities] = useState(() => capacityTexts(settings, account));
  const [maxOpenTabs, setMaxOpenTabs] = useState(String(settings.maxOpenTabs));
  // What is stored changed (this form's save, or another admin's): the fields show it.
  const [shown, setShown] = useState({ settings, account });
  if (shown.settings !== settings || shown.account !== account) {
    setShown({ settings, account });
    setCapacities(capacityTexts(settings, account));
    setMaxOpenTabs(String(settings.maxOpenTabs));
  }

  const saving = useSaveForm({
    save: updateChannelSettings,
    onSaved: (updated) => {
      queryClient.setQueryData(channelQueryKeys.channelSettings, updated);
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
    },
    showsFieldErrors: true,
  });
  const fieldErrors = saving.fieldErrors;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving.busy) {
      return;
    }
    const defaultCapacity = Object.fromEntries(Object.entries(capacities).map(([channel, text]) => [channel, toNumber(text ?? "")]));
    const parsed = updateChannelSettingsRequestSchema.safeParse({ defaultCapacity, maxOpenTabs: toNumber(maxOpenTabs) });
    if (!parsed.success) {
      saving.refuse(fieldErrorsFromZodError(parsed.error));
      return;
    }
    saving.submit(parsed.data);
  };

  return (
    <section className="card" aria-labelledby="capacity-title">
      <h2 className="card-title" id="capacity-title">
        Capacity
      </h2>
      <p>
        How many interactions an agent may have open at once. 0 is unlimited. An agent&apos;s own capacity (1 to 50), set on
        the agent&apos;s Channels tab, replaces the default.
      </p>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <TextField
          label="Max open tabs"
          hint="Open interactions across every channel. 0 is unlimited."
          name="maxOpenTabs"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          className="field-input-short"
          value={maxOpenTabs}
          onChange={(value) => {
            setMaxOpenTabs(value);
            saving.edited();
          }}
          error={fieldErrors.maxOpenTabs}
        />
        <fieldset className="setting-group">
          <legend>Default capacity per channel</legend>
          <div className="setting-columns">
            {account.enabledChannels.map((channel) => (
              <TextField
                key={channel}
                label={`${CHANNEL_LABELS[channel]} default capacity`}
                name={channel}
                type="number"
                inputMode="numeric"
                min={0}
                max={50}
                step={1}
                className="field-input-short"
                value={capacities[channel] ?? ""}
                onChange={(value) => {
                  setCapacities((current) => ({ ...current, [channel]: value }));
                  saving.edited();
                }}
                error={fieldErrors[channel]}
              />
            ))}
          </div>
        </fieldset>
        <SaveBar label="Save capacity" busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
      </form>
    </section>
  );
}
