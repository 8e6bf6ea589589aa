import type { UserSecurity } from "../../../common/api/user-security.ts";
import type { UserId } from "../../../common/domain/ids.ts";
import type { SecurityRow } from "./user-security.repository.ts";

export function presentUserSecurity(row: SecurityRow, suiteEnabled: boolean): UserSecurity {
  return {
    userId: row.id as UserId,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    disabled: row.disabled,
    locked: row.lockedAt !== null,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    maskSensitiveData: row.maskSensitiveData,
    suiteEnabled,
    // product.md: last password reset time, a security-suite feature.
    passwordChangedAt: suiteEnabled ? (row.passwordChangedAt?.toISOString() ?? null) : null,
    mfaEnabled: row.mfaEnabledAt !== null,
    mfaEnabledAt: row.mfaEnabledAt?.toISOString() ?? null,
    avatarUpdatedAt: row.avatarUpdatedAt?.toISOString() ?? null,
  };
}
