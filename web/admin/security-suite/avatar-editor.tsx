import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useState, type ChangeEvent } from "react";
import { AVATAR_MAX_BYTES, avatarTypeOf } from "../../../common/api/avatars.ts";
import { isApiError } from "../../api/api-error.ts";
import { avatarUrl, removeAvatar, uploadAvatar } from "../../api/security.api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";

interface AvatarEditorProps {
  userId: string;
  /** Whose picture, for labels: "your" or the person's name. */
  owner: string;
  /** When the picture last changed; null: none; undefined: not known, the page tries to show it. */
  version: string | null | undefined;
  onChanged: () => void;
}

const TOO_LARGE = `The picture is larger than ${AVATAR_MAX_BYTES / (1024 * 1024)} MB. Choose a smaller PNG or JPG file.`;
const WRONG_TYPE = "The picture must be a PNG or JPG file.";

// The same rules as the server (common/api/avatars.ts), checked before sending: size, and type by content.
async function fileProblem(file: File): Promise<string | null> {
  if (file.size > AVATAR_MAX_BYTES) {
    return TOO_LARGE;
  }
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  return avatarTypeOf(head) ? null : WRONG_TYPE;
}

// product.md, The agent record: avatar, PNG or JPG, at most 8 MB. Choose, preview, upload; or remove.
export function AvatarEditor({ userId, owner, version, onChanged }: AvatarEditorProps) {
  const inputId = useId();
  const [chosen, setChosen] = useState<{ file: File; preview: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  // The version shown: null once there is no picture (removed here, or none to load).
  const [current, setCurrent] = useState<string | null>(version === undefined ? "current" : version);
  // A newer version from the page (another admin changed it, or ours came back) replaces the one shown.
  const [seenVersion, setSeenVersion] = useState(version);
  if (version !== seenVersion) {
    setSeenVersion(version);
    setCurrent(version === undefined ? "current" : version);
  }
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);

  // A preview's object URL lives as long as its file is the chosen one.
  useEffect(() => {
    return () => {
      if (chosen) {
        URL.revokeObjectURL(chosen.preview);
      }
    };
  }, [chosen]);

  const upload = useMutation({
    mutationFn: (chosen: File) => uploadAvatar(userId, chosen),
    onSuccess: (avatar) => {
      setChosen(null);
      setCurrent(avatar.updatedAt);
      setStatus("Picture saved.");
      onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: () => removeAvatar(userId),
    onSuccess: () => {
      setConfirmingRemoval(false);
      setCurrent(null);
      setStatus("Picture removed.");
      onChanged();
    },
  });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0] ?? null;
    setStatus("");
    upload.reset();
    const found = file ? await fileProblem(file) : null;
    setProblem(found);
    setChosen(file && !found ? { file, preview: URL.createObjectURL(file) } : null);
  };

  const file = chosen?.file ?? null;
  const preview = chosen?.preview ?? null;
  const hasCurrent = current !== null;
  const error = problem ?? (isApiError(upload.error) ? upload.error.message : null);
  return (
    <div className="avatar-editor">
      <div className="avatar-frames">
        <figure className="avatar-frame">
          {hasCurrent ? (
            <img className="avatar-image" src={avatarUrl(userId, current)} alt={`${owner} picture`} onError={() => setCurrent(null)} />
          ) : (
            <div className="avatar-image avatar-empty">No picture</div>
          )}
          <figcaption>Current</figcaption>
        </figure>
        {preview ? (
          <figure className="avatar-frame">
            <img className="avatar-image" src={preview} alt="Preview of the chosen picture" />
            <figcaption>New</figcaption>
          </figure>
        ) : null}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          Choose a picture
        </label>
        <p className="field-hint" id={`${inputId}-hint`}>
          PNG or JPG, at most 8 MB.
        </p>
        <input
          id={inputId}
          type="file"
          accept="image/png,image/jpeg"
          className="field-input"
          aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            void choose(event);
          }}
        />
        <p className="field-error" id={`${inputId}-error`} role="alert">
          {error}
        </p>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={!file || upload.isPending}
          onClick={() => {
            if (file && !upload.isPending) {
              upload.mutate(file);
            }
          }}
        >
          Upload picture
        </button>
        {hasCurrent ? (
          <button type="button" className="button" onClick={() => setConfirmingRemoval(true)}>
            Remove picture
          </button>
        ) : null}
        <p className="form-status" role="status">
          {status}
        </p>
      </div>
      <ConfirmDialog
        open={confirmingRemoval}
        title="Remove this picture?"
        confirmLabel="Remove picture"
        busy={remove.isPending}
        error={isApiError(remove.error) ? remove.error.message : null}
        onCancel={() => {
          remove.reset();
          setConfirmingRemoval(false);
        }}
        onConfirm={() => remove.mutate()}
      >
        <p>The picture is deleted; {owner} profile then shows none.</p>
      </ConfirmDialog>
    </div>
  );
}
