import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import type { Role } from "../../common/domain/roles.ts";

/**
 * One area of the admin console: its navigation entry and its pages. Each area declares its sections in a
 * file of its own (`web/admin/<area>/<area>.sections.tsx`); the console lists them in `console-sections.ts`.
 */
export interface ConsoleSection {
  /** Path under /admin, without a leading slash ("agents"); "" for the overview. */
  path: string;
  label: string;
  /** Who sees the entry and may open the pages; the server checks the same roles. */
  roles: readonly Role[];
  /** The section's index page. */
  element: ReactNode;
  /** Pages below the section's path ("agents/:agentId"). */
  children?: RouteObject[];
}
