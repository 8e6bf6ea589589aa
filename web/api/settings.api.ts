import { securitySettingsSchema, type SecuritySettings } from "../../common/api/settings.ts";
import { requestJson } from "./http-client.ts";

export async function fetchSecuritySettings(): Promise<SecuritySettings> {
  return requestJson("/api/v1/settings/security", securitySettingsSchema);
}

export async function updateSecuritySettings(changes: Partial<SecuritySettings>): Promise<SecuritySettings> {
  return requestJson("/api/v1/settings/security", securitySettingsSchema, { method: "PATCH", body: changes });
}
