import { toastPositionSchema } from "../../../common/domain/agent-record.ts";
import type { CurrentUser } from "../../../common/api/auth.ts";
import type { UserSummary } from "../../../common/api/users.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { UserRow } from "../../db/tables.ts";

export function presentCurrentUser(user: Pick<UserRow, "id" | "username" | "fullName" | "role">): CurrentUser {
  return { id: user.id as UserId, username: user.username, fullName: user.fullName, role: user.role };
}

/** The signed-in user as their own pages see them: with where their alerts appear (product.md: toast position). */
export function presentSignedInUser(user: Pick<UserRow, "id" | "username" | "fullName" | "role" | "toastPosition">): CurrentUser {
  const position = toastPositionSchema.safeParse(user.toastPosition);
  return { ...presentCurrentUser(user), ...(position.success ? { toastPosition: position.data } : {}) };
}

export function presentUserSummary(user: UserRow): UserSummary {
  return {
    ...presentCurrentUser(user),
    disabled: user.disabled,
    locked: user.lockedAt !== null,
  };
}
