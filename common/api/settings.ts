import { z } from "zod";

// product.md, The agent record: "locked (set automatically after N failed logins when the global lockout is
// configured; an admin unlocks)". 0 turns the lockout off.
export const securitySettingsSchema = z
  .object({
    // The security suite: when on, passwords follow the policy of common/domain/password-policy.ts.
    suiteEnabled: z.boolean("suiteEnabled: true or false"),
    // Characters of a contact's phone, name and e-mail masked for agents with "mask sensitive data".
    maskCharacters: z.int("maskCharacters: a whole number").min(1, "maskCharacters: at least 1").max(64, "maskCharacters: at most 64"),
    lockoutThreshold: z
      .int("lockoutThreshold: a whole number")
      .min(0, "lockoutThreshold: at least 0 (0 turns the lockout off)")
      .max(100, "lockoutThreshold: at most 100"),
  })
  .meta({ id: "SecuritySettings" });
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const updateSecuritySettingsRequestSchema = securitySettingsSchema.partial();
