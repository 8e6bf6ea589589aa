import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { AccountSettings } from "../../../common/api/channels.ts";
import { ALWAYS_ENABLED_CHANNELS, CHANNELS, type Channel } from "../../../common/domain/channels.ts";
import { channelQueryKeys, updateAccountSettings } from "../../api/channels.api.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { CHANNEL_LABELS } from "./channel-labels.ts";
import { SwitchField } from "../../components/switch-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";

// product.md, Channels and capacity: voice, SMS and chat are on for every account; the others per account.
export function AccountChannelsForm({ account }: { account: AccountSettings }) {
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState<ReadonlySet<Channel>>(() => new Set(account.enabledChannels));
  const [mobile, setMobile] = useState(account.mobileTypologyEnabled);
  // What is stored changed (this form's save, or another admin's): the switches show it.
  const [shown, setShown] = useState(account);
  if (shown !== account) {
    setShown(account);
    setEnabled(new Set(account.enabledChannels));
    setMobile(account.mobileTypologyEnabled);
  }

  const saving = useSaveForm({
    save: updateAccountSettings,
    onSaved: (updated) => {
      queryClient.setQueryData(channelQueryKeys.accountSettings, updated);
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
    },
  });

  const toggle = (channel: Channel, on: boolean) => {
    const next = new Set(enabled);
    if (on) {
      next.add(channel);
    } else {
      next.delete(channel);
    }
    setEnabled(next);
    saving.edited();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!saving.busy) {
      saving.submit({ enabledChannels: CHANNELS.filter((channel) => enabled.has(channel)), mobileTypologyEnabled: mobile });
    }
  };

  return (
    <section className="card" aria-labelledby="account-channels-title">
      <h2 className="card-title" id="account-channels-title">
        Channels of the account
      </h2>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <div className="setting-columns">
          <fieldset className="setting-group">
            <legend>Channels</legend>
            {CHANNELS.map((channel) => {
              const always = ALWAYS_ENABLED_CHANNELS.includes(channel);
              return (
                <SwitchField
                  key={channel}
                  label={CHANNEL_LABELS[channel]}
                  checked={always || enabled.has(channel)}
                  disabled={always}
                  {...(always ? { hint: "Always on" } : {})}
                  onChange={(on) => toggle(channel, on)}
                />
              );
            })}
          </fieldset>
          <fieldset className="setting-group">
            <legend>Typologies</legend>
            <SwitchField
              label="Mobile typology"
              hint="Agents can be given the mobile typology (the Motion app with a push gateway)."
              checked={mobile}
              onChange={(on) => {
                setMobile(on);
                saving.edited();
              }}
            />
          </fieldset>
        </div>
        <SaveBar label="Save channels" busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
      </form>
    </section>
  );
}
