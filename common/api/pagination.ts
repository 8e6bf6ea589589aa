import { z } from "zod";

// Lists are server-paginated (CONVENTIONS.md, The web app): `?page=1&pageSize=25`.
export const paginationQuerySchema = z.object({
  page: z.coerce.number().int("page: a whole number").min(1, "page: at least 1").default(1),
  pageSize: z.coerce.number().int("pageSize: a whole number").min(1, "pageSize: at least 1").max(200, "pageSize: at most 200").default(25),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}
