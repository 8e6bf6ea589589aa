import { z } from "zod";
import { apiTokenIdSchema, userIdSchema } from "../domain/ids.ts";
import { roleSchema } from "../domain/roles.ts";
import { toastPositionSchema } from "../domain/agent-record.ts";

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, "username: required").max(64, "username: at most 64 characters"),
  password: z.string().min(1, "password: required").max(1024, "password: at most 1024 characters"),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z
  .object({
    id: userIdSchema,
    username: z.string(),
    fullName: z.string(),
    role: roleSchema,
    /** Where the signed-in user's alerts appear; present on their own session (GET /api/v1/auth/me). */
    toastPosition: toastPositionSchema.optional(),
  })
  .meta({ id: "CurrentUser" });
export type CurrentUser = z.infer<typeof currentUserSchema>;

// The CSRF token is sent back by the page in the `x-csrf-token` header on every cookie-authenticated write.
export const sessionResponseSchema = z
  .object({ user: currentUserSchema, csrfToken: z.string().nullable() })
  .meta({ id: "Session" });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const apiTokenSchema = z
  .object({
    id: apiTokenIdSchema,
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiToken" });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1, "name: required").max(100, "name: at most 100 characters"),
  expiresInDays: z
    .int("expiresInDays: a whole number of days")
    .min(1, "expiresInDays: at least 1")
    .max(3650, "expiresInDays: at most 3650")
    .nullable()
    .default(null),
});
export type CreateApiTokenRequest = z.input<typeof createApiTokenRequestSchema>;

// The secret is returned once, at creation; only its hash is stored.
export const createdApiTokenSchema = z
  .object({ token: apiTokenSchema, secret: z.string() })
  .meta({ id: "CreatedApiToken" });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
export const apiTokenParamsSchema = z.object({ tokenId: apiTokenIdSchema });
