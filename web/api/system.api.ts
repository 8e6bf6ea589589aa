import { readinessSchema } from "../../common/api/system.ts";
import { isApiError } from "./api-error.ts";
import { requestJson } from "./http-client.ts";

export interface Readiness {
  ready: boolean;
  checkedAt: Date;
}

// `/readyz` answers 503 while a dependency (the database) is down: that is an answer, not a failure.
export async function fetchReadiness(): Promise<Readiness> {
  try {
    await requestJson("/readyz", readinessSchema);
    return { ready: true, checkedAt: new Date() };
  } catch (error) {
    if (isApiError(error) && error.status === 503) {
      return { ready: false, checkedAt: new Date() };
    }
    throw error;
  }
}
