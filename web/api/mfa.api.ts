import { mfaEnrolmentSchema, mfaStatusSchema, type MfaEnrolment, type MfaStatus } from "../../common/api/mfa.ts";
import { requestJson } from "./http-client.ts";

export const mfaQueryKeys = { own: ["mfa", "own"] } as const;

export async function fetchOwnMfaStatus(): Promise<MfaStatus> {
  return requestJson("/api/v1/auth/mfa", mfaStatusSchema);
}

export async function startMfaEnrolment(): Promise<MfaEnrolment> {
  return requestJson("/api/v1/auth/mfa/enrol", mfaEnrolmentSchema, { method: "POST" });
}

export async function verifyMfaEnrolment(code: string): Promise<MfaStatus> {
  return requestJson("/api/v1/auth/mfa/verify", mfaStatusSchema, { method: "POST", body: { code } });
}

export async function disableOwnMfa(code: string): Promise<MfaStatus> {
  return requestJson("/api/v1/auth/mfa/disable", mfaStatusSchema, { method: "POST", body: { code } });
}
