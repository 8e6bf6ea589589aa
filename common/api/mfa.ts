import { z } from "zod";
import { sessionResponseSchema } from "./auth.ts";

export const mfaCodeSchema = z
  .string("code: the 6-digit code from your authenticator app")
  .trim()
  .regex(/^\d{6}$/, "code: the 6-digit code from your authenticator app");

export const mfaStatusSchema = z
  .object({ enabled: z.boolean(), enabledAt: z.iso.datetime().nullable() })
  .meta({ id: "MfaStatus" });
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

// The secret is shown at enrolment only (as a QR code and as text to type); it is never returned again.
export const mfaEnrolmentSchema = z
  .object({
    otpauthUri: z.string(),
    qrCodeDataUrl: z.string(),
    secret: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "MfaEnrolment" });
export type MfaEnrolment = z.infer<typeof mfaEnrolmentSchema>;

export const mfaCodeRequestSchema = z.object({ code: mfaCodeSchema });
export type MfaCodeRequest = z.infer<typeof mfaCodeRequestSchema>;

// Sign-in with MFA on: the password step answers with a challenge and no session; the code step completes it.
export const mfaChallengeSchema = z
  .object({ mfaRequired: z.literal(true), challengeId: z.string() })
  .meta({ id: "MfaChallenge" });
export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;

export const loginResponseSchema = z.union([sessionResponseSchema, mfaChallengeSchema]).meta({ id: "LoginResponse" });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const mfaLoginRequestSchema = z.object({
  challengeId: z.string("challengeId: required").min(1, "challengeId: required").max(200, "challengeId: at most 200 characters"),
  code: mfaCodeSchema,
});
export type MfaLoginRequest = z.infer<typeof mfaLoginRequestSchema>;

export function isMfaChallenge(response: LoginResponse): response is MfaChallenge {
  return "mfaRequired" in response;
}
