import { useQueryClient } from "@tanstack/react-query";
import type { Page } from "../../../common/api/pagination.ts";
import { deleteGroup, groupQueryKeys, type AnyGroup } from "../../api/groups.api.ts";
import { ConfirmDeleteDialog } from "../../components/confirm-delete-dialog.tsx";
import type { GroupKindInfo } from "./group-kinds.ts";

interface DeleteGroupDialogProps {
  info: GroupKindInfo;
  group: AnyGroup | null;
  onClose: () => void;
  onDeleted: (group: AnyGroup) => void;
}

// Confirm before delete: the members leave the group at once.
export function DeleteGroupDialog({ info, group, onClose, onDeleted }: DeleteGroupDialogProps) {
  const queryClient = useQueryClient();
  const members = group?.memberCount ?? 0;
  return (
    <ConfirmDeleteDialog
      item={group}
      title={`Delete this ${info.singular}?`}
      confirmLabel={`Delete ${info.singular}`}
      remove={(target) => deleteGroup(info.kind, target.id)}
      onDeleted={(target) => {
        // Gone from the lists at once, then every count is refetched.
        queryClient.setQueriesData<Page<AnyGroup>>({ queryKey: [...groupQueryKeys.kind(info.kind), "list"] }, (page) =>
          page?.items.some((item) => item.id === target.id) ? { ...page, items: page.items.filter((item) => item.id !== target.id), total: page.total - 1 } : page,
        );
        void queryClient.invalidateQueries({ queryKey: groupQueryKeys.all });
        onDeleted(target);
      }}
      onClose={onClose}
    >
      <p>
        “{group?.name}” is deleted{members > 0 ? ` and its ${members} ${members === 1 ? "member leaves" : "members leave"} it at once` : ""}. This
        cannot be undone.
      </p>
    </ConfirmDeleteDialog>
  );
}
