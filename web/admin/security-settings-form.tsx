import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { updateSecuritySettingsRequestSchema, type SecuritySettings } from "../../common/api/settings.ts";
import { PASSWORD_SYMBOLS } from "../../common/domain/password-policy.ts";
import { fieldErrorsFromZodError } from "../api/field-errors.ts";
import { queryKeys } from "../api/query-keys.ts";
import { updateSecuritySettings } from "../api/settings.api.ts";
import { SaveBar } from "../components/save-bar.tsx";
import { TextField } from "../components/text-field.tsx";
import { SwitchField } from "../components/switch-field.tsx";
import { useSaveForm } from "../hooks/use-save-form.ts";

function lockoutSummary(threshold: number): string {
  if (threshold === 0) {
    return "Lockout is off: failed sign-ins never lock an account.";
  }
  return `An account locks after ${threshold} failed sign-ins in a row. An administrator unlocks it.`;
}

function suiteSummary(settings: SecuritySettings): string {
  if (!settings.suiteEnabled) {
    return "The security suite is off: any non-empty password is accepted.";
  }
  return "The security suite is on: new passwords follow the password policy, and agent pages show the last password reset.";
}

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

// product.md, The agent record: the security suite (password policy, last password reset), masking of contacts'
// data with N characters, and the lockout after N failed sign-ins. Toggle and fields, one Save.
export function SecuritySettingsForm({ settings }: { settings: SecuritySettings }) {
  const queryClient = useQueryClient();
  const [suiteEnabled, setSuiteEnabled] = useState(settings.suiteEnabled);
  const [maskCharacters, setMaskCharacters] = useState(String(settings.maskCharacters));
  const [threshold, setThreshold] = useState(String(settings.lockoutThreshold));
  const saving = useSaveForm({
    save: updateSecuritySettings,
    onSaved: (updated) => {
      queryClient.setQueryData(queryKeys.securitySettings, updated);
      setSuiteEnabled(updated.suiteEnabled);
      setMaskCharacters(String(updated.maskCharacters));
      setThreshold(String(updated.lockoutThreshold));
    },
    showsFieldErrors: true,
  });
  const fieldErrors = saving.fieldErrors;

  const changed = (apply: () => void) => {
    apply();
    saving.edited();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving.busy) {
      return;
    }
    const parsed = updateSecuritySettingsRequestSchema.safeParse({
      suiteEnabled,
      maskCharacters: toNumber(maskCharacters),
      lockoutThreshold: toNumber(threshold),
    });
    if (!parsed.success) {
      saving.refuse(fieldErrorsFromZodError(parsed.error));
      return;
    }
    saving.submit(parsed.data);
  };

  return (
    <form className="form security-settings" onSubmit={handleSubmit} noValidate aria-label="Security settings">
      <section className="card card-narrow" aria-labelledby="security-suite-title">
        <h2 className="card-title" id="security-suite-title">
          Security suite
        </h2>
        <p>{suiteSummary(settings)}</p>
        <SwitchField
          label="Security suite on"
          hint={`Passwords then need at least 8 characters with a lower-case and an upper-case letter, a digit and one of ${PASSWORD_SYMBOLS}.`}
          checked={suiteEnabled}
          onChange={(value) => changed(() => setSuiteEnabled(value))}
          error={fieldErrors.suiteEnabled}
        />
      </section>
      <section className="card card-narrow" aria-labelledby="security-masking-title">
        <h2 className="card-title" id="security-masking-title">
          Masking of contacts’ data
        </h2>
        <p>Agents with “mask sensitive data” see the last characters of contacts’ phone numbers, names and e-mail addresses hidden.</p>
        <TextField
          label="Characters masked"
          hint="A whole number from 1 to 64: letters or digits hidden at the end of each value."
          name="maskCharacters"
          type="number"
          inputMode="numeric"
          min={1}
          max={64}
          step={1}
          className="field-input-short"
          value={maskCharacters}
          onChange={(value) => changed(() => setMaskCharacters(value))}
          error={fieldErrors.maskCharacters}
        />
      </section>
      <section className="card card-narrow" aria-labelledby="security-lockout-title">
        <h2 className="card-title" id="security-lockout-title">
          Account lockout
        </h2>
        <p>{lockoutSummary(settings.lockoutThreshold)}</p>
        <TextField
          label="Failed sign-ins before an account locks"
          hint="A whole number from 0 to 100. 0 turns lockout off."
          name="lockoutThreshold"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          className="field-input-short"
          value={threshold}
          onChange={(value) => changed(() => setThreshold(value))}
          error={fieldErrors.lockoutThreshold}
        />
      </section>
      <SaveBar busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
    </form>
  );
}
