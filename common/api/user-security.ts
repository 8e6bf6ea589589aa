import { z } from "zod";
import { userIdSchema } from "../domain/ids.ts";
import { roleSchema } from "../domain/roles.ts";

// The security side of one user (product.md, The agent record: disabled, locked, mask sensitive data, last
// password reset time, MFA, avatar), as the agent page's Security tab shows and edits it.
export const userSecuritySchema = z
  .object({
    userId: userIdSchema,
    username: z.string(),
    fullName: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    locked: z.boolean(),
    lockedAt: z.iso.datetime().nullable(),
    maskSensitiveData: z.boolean(),
    suiteEnabled: z.boolean(),
    // Shown only while the security suite is on; null otherwise.
    passwordChangedAt: z.iso.datetime().nullable(),
    mfaEnabled: z.boolean(),
    mfaEnabledAt: z.iso.datetime().nullable(),
    // When the avatar last changed (for cache-busting its URL); null without one.
    avatarUpdatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "UserSecurity" });
export type UserSecurity = z.infer<typeof userSecuritySchema>;

export const updateUserSecurityRequestSchema = z
  .object({
    disabled: z.boolean("disabled: true or false").optional(),
    // An account locks itself after failed sign-ins; people can only unlock it.
    locked: z.literal(false, "locked: only false, to unlock").optional(),
    maskSensitiveData: z.boolean("maskSensitiveData: true or false").optional(),
  })
  .meta({ id: "UpdateUserSecurity" });
export type UpdateUserSecurityRequest = z.infer<typeof updateUserSecurityRequestSchema>;
