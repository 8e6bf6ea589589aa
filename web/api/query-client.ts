import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { endSession } from "../session/end-session.ts";
import { isApiError } from "./api-error.ts";

const MAX_RETRIES = 2;

// A 4xx will not get better by asking again; a network error or a 5xx might.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) {
    return false;
  }
  return failureCount < MAX_RETRIES;
}

export function createQueryClient(): QueryClient {
  // Any request that finds the session gone sends the person back to the sign-in page.
  const handleError = (error: unknown): void => {
    if (isApiError(error) && error.status === 401 && error.code === "unauthenticated") {
      endSession(queryClient);
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
