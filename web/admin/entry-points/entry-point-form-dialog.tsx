import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  addressIssue,
  addressKindOf,
  createEntryPointRequestSchema,
  ENTRY_POINT_NAME_MAX,
  updateEntryPointRequestSchema,
  WEBHOOK_URL_MAX,
  type AddressKind,
  type CreatedEntryPoint,
  type CreateEntryPointRequest,
  type EntryPoint,
  type EntryPointQueue,
  type UpdateEntryPointRequest,
} from "../../../common/api/entry-points.ts";
import type { Page } from "../../../common/api/pagination.ts";
import type { Channel } from "../../../common/domain/channels.ts";
import { isApiError } from "../../api/api-error.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { channelLabel } from "../groups/group-kinds.ts";
import { useAccountChannels } from "../groups/use-account-channels.ts";
import { createEntryPoint, entryPointQueryKeys, updateEntryPoint } from "./entry-points.api.ts";
import { formErrorsFromApi, formErrorsFromIssues, formErrorsFromZod, hasFormErrors, NO_ERRORS, type EntryPointFormErrors } from "./entry-point-form-errors.ts";
import { QueueChainField } from "./queue-chain-field.tsx";
import { SigningSecretField } from "./signing-secret-field.tsx";

interface EntryPointFormDialogProps {
  /** The entry point being edited; null to create one. */
  entryPoint: EntryPoint | null;
  onClose: () => void;
  onCreated: (created: CreatedEntryPoint) => void;
  onSaved: (saved: EntryPoint) => void;
}

interface FormValues {
  name: string;
  channel: Channel;
  address: string;
  queues: EntryPointQueue[];
  webhookUrl: string;
}

const ADDRESS_HINTS: Record<AddressKind, string> = {
  phone: "The number customers call or text, in international form: + and 8 to 15 digits (+14155550123).",
  email: "The address customers write to (support@example.com).",
  slug: "A short key: lower-case letters, digits and hyphens (web-chat).",
};

const SMS_ADDRESS_HINT =
  "The number customers text, in international form (+14155550123), or a Twilio Messaging Service SID (MG…) for a pool of numbers. Point its incoming-message webhook at /webhooks/twilio/sms.";

function initialValues(entryPoint: EntryPoint | null): FormValues {
  return {
    name: entryPoint?.name ?? "",
    channel: entryPoint?.channel ?? "sms",
    address: entryPoint?.address ?? "",
    queues: entryPoint?.queues ?? [],
    webhookUrl: entryPoint?.webhookUrl ?? "",
  };
}

type SaveRequest = { kind: "create"; request: CreateEntryPointRequest } | { kind: "update"; request: UpdateEntryPointRequest };
type SaveResult = { kind: "created"; created: CreatedEntryPoint } | { kind: "saved"; saved: EntryPoint };

// The request, checked with the schema the server uses (CONVENTIONS.md, The web app); the channel of an entry
// point being edited is fixed, so its address is checked against it here as the server does.
function parseRequest(creating: boolean, values: FormValues): { request: SaveRequest } | { errors: EntryPointFormErrors } {
  const openChannel = values.channel === "openchannel";
  const common = { name: values.name, address: values.address, queueIds: values.queues.map((queue) => queue.id), ...(openChannel && values.webhookUrl.trim() ? { webhookUrl: values.webhookUrl } : {}) };
  if (creating) {
    const parsed = createEntryPointRequestSchema.safeParse({ ...common, channel: values.channel });
    return parsed.success ? { request: { kind: "create", request: parsed.data } } : { errors: formErrorsFromZod(parsed.error) };
  }
  const parsed = updateEntryPointRequestSchema.safeParse(common);
  if (!parsed.success) {
    return { errors: formErrorsFromZod(parsed.error) };
  }
  const issue = addressIssue(values.channel, parsed.data.address ?? "");
  return issue ? { errors: formErrorsFromIssues([{ field: "address", message: issue }]) } : { request: { kind: "update", request: parsed.data } };
}

export function EntryPointFormDialog({ entryPoint, onClose, onCreated, onSaved }: EntryPointFormDialogProps) {
  const queryClient = useQueryClient();
  const creating = entryPoint === null;
  const [values, setValues] = useState<FormValues>(() => initialValues(entryPoint));
  const [errors, setErrors] = useState<EntryPointFormErrors>(NO_ERRORS);
  const channels = useAccountChannels(entryPoint ? [entryPoint.channel] : []);
  const set = <Key extends keyof FormValues>(key: Key) => (value: FormValues[Key]) => setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: async (save: SaveRequest): Promise<SaveResult> =>
      save.kind === "create" ? { kind: "created", created: await createEntryPoint(save.request) } : { kind: "saved", saved: await updateEntryPoint(entryPoint?.id ?? "", save.request) },
    onSuccess: (result) => {
      if (result.kind === "saved") {
        // Shown at once in every list that holds it, then every list is read again.
        queryClient.setQueriesData<Page<EntryPoint>>({ queryKey: entryPointQueryKeys.all }, (page) =>
          page ? { ...page, items: page.items.map((item) => (item.id === result.saved.id ? result.saved : item)) } : page,
        );
      }
      void queryClient.invalidateQueries({ queryKey: entryPointQueryKeys.all });
      if (result.kind === "created") {
        onCreated(result.created);
      } else {
        onSaved(result.saved);
      }
    },
    onError: (error) => setErrors(formErrorsFromApi(error)),
  });

  const submit = () => {
    const parsed = parseRequest(creating, values);
    if ("errors" in parsed) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(NO_ERRORS);
    save.mutate(parsed.request);
  };

  const apiErrors = formErrorsFromApi(save.error);
  const failure = isApiError(save.error) && !hasFormErrors(apiErrors) ? save.error.message : null;
  return (
    <FormDialog
      open
      title={creating ? "New entry point" : `Edit entry point “${entryPoint.name}”`}
      submitLabel={creating ? "Create entry point" : "Save"}
      busy={save.isPending}
      error={failure}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField label="Name" name="name" value={values.name} onChange={set("name")} error={errors.fields.name} maxLength={ENTRY_POINT_NAME_MAX} autoComplete="off" />
      {creating ? (
        <SelectField
          label="Channel"
          hint="The channels turned on for the account. It cannot change later."
          value={values.channel}
          options={channels.map((channel) => ({ value: channel, label: channelLabel(channel) }))}
          // The chain holds queues of one channel only: a new channel starts a new chain.
          onChange={(channel) => setValues((current) => ({ ...current, channel, queues: channel === current.channel ? current.queues : [] }))}
          error={errors.fields.channel}
        />
      ) : (
        <p className="field-static">Channel: {channelLabel(values.channel)}</p>
      )}
      <TextField label="Address" name="address" hint={values.channel === "sms" ? SMS_ADDRESS_HINT : ADDRESS_HINTS[addressKindOf(values.channel)]} value={values.address} onChange={set("address")} error={errors.fields.address} autoComplete="off" spellCheck={false} />
      <QueueChainField channel={values.channel} value={values.queues} onChange={set("queues")} error={errors.fields.queueIds} itemErrors={errors.chain} />
      {values.channel === "openchannel" ? (
        <TextField
          label="Webhook URL"
          name="webhookUrl"
          type="url"
          hint="Where agents' replies are posted, signed with the signing secret."
          value={values.webhookUrl}
          onChange={set("webhookUrl")}
          error={errors.fields.webhookUrl}
          maxLength={WEBHOOK_URL_MAX}
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      {entryPoint?.channel === "openchannel" ? <SigningSecretField entryPoint={entryPoint} /> : null}
    </FormDialog>
  );
}
