import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { updateCoachingSettingsRequestSchema, type CoachingSettings } from "../../../common/api/coaching.ts";
import { coachingQueryKeys, updateCoachingSettings } from "../../api/coaching.api.ts";
import { fieldErrorsFromZodError } from "../../api/field-errors.ts";
import { DateTime } from "../../components/date-time.tsx";
import { SaveBar } from "../../components/save-bar.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSaveForm } from "../../hooks/use-save-form.ts";

// Time zones this browser knows, offered as suggestions; the server checks the name against its own list.
const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === "function" ? ["UTC", ...Intl.supportedValuesOf("timeZone")] : ["UTC"];

// product.md, Coaching messages: "the agent's copy is cleared overnight" — at this local time in the account's
// time zone. The log keeps every message.
export function ClearDownSettingsForm({ settings }: { settings: CoachingSettings }) {
  const queryClient = useQueryClient();
  const zonesId = useId();
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [clearDownTime, setClearDownTime] = useState(settings.clearDownTime);
  const saving = useSaveForm({
    save: updateCoachingSettings,
    onSaved: (updated) => {
      queryClient.setQueryData(coachingQueryKeys.settings, updated);
      setTimeZone(updated.timeZone);
      setClearDownTime(updated.clearDownTime);
    },
    showsFieldErrors: true,
  });
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving.busy) {
      return;
    }
    const parsed = updateCoachingSettingsRequestSchema.safeParse({ timeZone, clearDownTime });
    if (!parsed.success) {
      saving.refuse(fieldErrorsFromZodError(parsed.error));
      return;
    }
    saving.submit(parsed.data);
  };
  const edit = (apply: () => void) => {
    apply();
    saving.edited();
  };
  return (
    <form className="form card card-narrow" onSubmit={handleSubmit} noValidate aria-labelledby="coaching-clear-down-title">
      <h2 className="card-title" id="coaching-clear-down-title">
        Overnight clear-down
      </h2>
      <p>
        Each night at this time, agents’ messages of the day leave their desktop; this log keeps them. Next: <DateTime value={settings.nextClearDownAt} />
        {settings.lastClearDownAt ? (
          <>
            {" "}
            · last: <DateTime value={settings.lastClearDownAt} />
          </>
        ) : null}
        .
      </p>
      <TextField label="Clear-down time" hint="24-hour time, e.g. 03:00" type="time" className="field-input-short" value={clearDownTime} onChange={(value) => edit(() => setClearDownTime(value))} error={saving.fieldErrors.clearDownTime} />
      <TextField label="Time zone" hint="The account's time zone, e.g. Europe/Paris" list={zonesId} value={timeZone} onChange={(value) => edit(() => setTimeZone(value))} error={saving.fieldErrors.timeZone} />
      <datalist id={zonesId}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <SaveBar busy={saving.busy} status={saving.saved ? "Saved." : ""} failure={saving.failure} />
    </form>
  );
}
