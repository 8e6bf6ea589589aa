import type { ConsoleSection } from "../console-section.ts";
import { CoachingComposePage } from "./coaching-compose-page.tsx";
import { CoachingLogPage } from "./coaching-log-page.tsx";

// product.md, Coaching messages: admins and supervisors send; admins read the permanent log.
export const coachingSections: ConsoleSection[] = [
  { path: "coaching", label: "Coaching", roles: ["admin", "supervisor"], element: <CoachingComposePage /> },
  { path: "coaching-log", label: "Coaching log", roles: ["admin"], element: <CoachingLogPage /> },
];
