import { MomentsConsole } from "../../moments/moments-console.tsx";
import type { ConsoleSection } from "../console-section.ts";

// product.md, Moments: admins and supervisors manage notifications and content (supervisors within their scope).
export const momentsSections: ConsoleSection[] = [{ path: "moments", label: "Moments", roles: ["admin", "supervisor"], element: <MomentsConsole /> }];
