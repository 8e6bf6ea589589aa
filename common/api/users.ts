import { z } from "zod";
import { userIdSchema } from "../domain/ids.ts";
import { roleSchema } from "../domain/roles.ts";

export const userSummarySchema = z
  .object({
    id: userIdSchema,
    username: z.string(),
    fullName: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    locked: z.boolean(),
  })
  .meta({ id: "UserSummary" });
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userParamsSchema = z.object({ userId: userIdSchema });
