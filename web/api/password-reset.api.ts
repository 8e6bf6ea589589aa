import {
  forgotPasswordResponseSchema,
  passwordPolicySchema,
  type ForgotPasswordRequest,
  type ForgotPasswordResponse,
  type PasswordPolicy,
  type ResetPasswordRequest,
} from "../../common/api/password-reset.ts";
import { requestJson, requestWithoutContent } from "./http-client.ts";

export const passwordResetQueryKeys = { policy: ["password-policy"] } as const;

export async function requestPasswordReset(request: ForgotPasswordRequest): Promise<ForgotPasswordResponse> {
  return requestJson("/api/v1/auth/password/forgot", forgotPasswordResponseSchema, { method: "POST", body: request });
}

export async function resetPassword(request: ResetPasswordRequest): Promise<void> {
  await requestWithoutContent("/api/v1/auth/password/reset", { method: "POST", body: request });
}

export async function fetchPasswordPolicy(): Promise<PasswordPolicy> {
  return requestJson("/api/v1/auth/password/policy", passwordPolicySchema);
}
