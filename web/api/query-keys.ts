// Every TanStack Query key in one place, so invalidation and cache updates name the same thing.
export const queryKeys = {
  session: ["session"],
  apiTokens: ["api-tokens"],
  securitySettings: ["settings", "security"],
  readiness: ["readiness"],
} as const;
