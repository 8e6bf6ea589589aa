import type { ConsoleSection } from "../console-section.ts";
import { EntryPointsPage } from "./entry-points-page.tsx";
import "./entry-points.css";

// Admins set entry points up; supervisors see them (the server hides the signing secret from them).
export const entryPointsSections: ConsoleSection[] = [{ path: "entry-points", label: "Entry points", roles: ["admin", "supervisor"], element: <EntryPointsPage /> }];
