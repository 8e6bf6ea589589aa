import { useState, type FormEvent } from "react";
import type { UpdateUserSecurityRequest, UserSecurity } from "../../../common/api/user-security.ts";
import { updateUserSecurity } from "../../api/security.api.ts";
import { SaveBar } from "../../components/save-bar.tsx";
import { SwitchField } from "../../components/switch-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";

// Disabled and "mask sensitive data": toggles saved together with Save (seed 002's flow).
export function SecurityFlagsForm({ security, onSaved }: { security: UserSecurity; onSaved: (updated: UserSecurity) => void }) {
  const [disabled, setDisabled] = useState(security.disabled);
  const [maskSensitiveData, setMaskSensitiveData] = useState(security.maskSensitiveData);
  // Values changed elsewhere (another admin, or this save coming back) replace the ones shown.
  const [seen, setSeen] = useState(security);
  if (security.disabled !== seen.disabled || security.maskSensitiveData !== seen.maskSensitiveData) {
    setSeen(security);
    setDisabled(security.disabled);
    setMaskSensitiveData(security.maskSensitiveData);
  }
  const saving = useSaveForm({
    save: (changes: UpdateUserSecurityRequest) => updateUserSecurity(security.userId, changes),
    onSaved,
    showsFieldErrors: true,
  });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving.busy) {
      return;
    }
    const changes: UpdateUserSecurityRequest = {};
    if (disabled !== security.disabled) {
      changes.disabled = disabled;
    }
    if (maskSensitiveData !== security.maskSensitiveData) {
      changes.maskSensitiveData = maskSensitiveData;
    }
    saving.submit(changes);
  };

  const fieldErrors = saving.fieldErrors;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Account flags">
      <SwitchField
        label="Disabled"
        hint="A disabled account cannot sign in; its open sessions end at once."
        checked={disabled}
        onChange={(value) => {
          setDisabled(value);
          saving.edited();
        }}
        error={fieldErrors.disabled}
      />
      <SwitchField
        label="Mask sensitive data"
        hint="Contacts’ phone numbers, names and e-mail addresses are shown partly hidden, by the server."
        checked={maskSensitiveData}
        onChange={(value) => {
          setMaskSensitiveData(value);
          saving.edited();
        }}
        error={fieldErrors.maskSensitiveData}
      />
      <SaveBar busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
    </form>
  );
}
