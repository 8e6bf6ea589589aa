import type { ConsoleSection } from "../console-section.ts";
import { WallboardPage } from "./wallboard-page.tsx";

export const wallboardSections: ConsoleSection[] = [{ path: "wallboard", label: "Wallboard", roles: ["admin", "supervisor"], element: <WallboardPage /> }];
