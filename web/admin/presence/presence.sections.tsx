import type { ConsoleSection } from "../console-section.ts";
import { CustomStatusesPage } from "./custom-statuses-page.tsx";

// Admins define the statuses agents pick in the desktop (Break, Lunch…).
export const presenceSections: ConsoleSection[] = [{ path: "statuses", label: "Statuses", roles: ["admin"], element: <CustomStatusesPage /> }];
