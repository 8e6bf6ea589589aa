import { z } from "zod";
import { PASSWORD_SYMBOLS } from "../domain/password-policy.ts";

// Forgotten password (product.md, The agent record: "forgotten password by e-mail link valid one hour").
export const forgotPasswordRequestSchema = z.object({
  usernameOrEmail: z
    .string("usernameOrEmail: required")
    .trim()
    .min(1, "usernameOrEmail: required")
    .max(320, "usernameOrEmail: at most 320 characters"),
});
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequestSchema>;

// The same answer whether or not an account matches: no endpoint tells whether a username or e-mail exists.
export const FORGOT_PASSWORD_MESSAGE =
  "If an account matches and has an e-mail address, we sent it a link to choose a new password. The link works once, within one hour.";
export const forgotPasswordResponseSchema = z.object({ message: z.literal(FORGOT_PASSWORD_MESSAGE) }).meta({ id: "ForgotPasswordAccepted" });
export type ForgotPasswordResponse = z.infer<typeof forgotPasswordResponseSchema>;

export const resetPasswordRequestSchema = z.object({
  token: z.string("token: required").min(1, "token: required").max(200, "token: at most 200 characters"),
  password: z.string("password: required").min(1, "password: required").max(1024, "password: at most 1024 characters"),
});
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

// What a new password needs, so the reset page can say it before anyone types (no session there).
export const passwordPolicySchema = z
  .object({ strict: z.boolean(), minimumLength: z.number().int(), symbols: z.string() })
  .meta({ id: "PasswordPolicy" });
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export function passwordPolicyOf(securitySuiteEnabled: boolean): PasswordPolicy {
  return { strict: securitySuiteEnabled, minimumLength: securitySuiteEnabled ? 8 : 1, symbols: PASSWORD_SYMBOLS };
}
