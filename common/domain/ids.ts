import { z } from "zod";

// Branded ids: a user id cannot be passed where a token id is expected.
export const userIdSchema = z.uuid().brand<"UserId">();
export type UserId = z.infer<typeof userIdSchema>;

export const apiTokenIdSchema = z.uuid().brand<"ApiTokenId">();
export type ApiTokenId = z.infer<typeof apiTokenIdSchema>;
