import { agentsSections } from "./agents/agents.sections.tsx";
import { channelsSections } from "./channels/channels.sections.tsx";
import { coachingSections } from "./coaching/coaching.sections.tsx";
import { momentsSections } from "./moments/moments.sections.tsx";
import type { ConsoleSection } from "./console-section.ts";
import { groupsSections } from "./groups/groups.sections.tsx";
import { entryPointsSections } from "./entry-points/entry-points.sections.tsx";
import { OverviewPage } from "./overview-page.tsx";
import { presenceSections } from "./presence/presence.sections.tsx";
import { SecurityPage } from "./security-page.tsx";
import { securitySuiteSections } from "./security-suite/security-suite.sections.tsx";
import { textingSections } from "./texting/texting.sections.tsx";
import { wallboardSections } from "./wallboard/wallboard.sections.tsx";
import { ApiTokensPage } from "../tokens/api-tokens-page.tsx";

// The console's sections in navigation order. Each area declares its own in `<area>/<area>.sections.tsx`.
export const consoleSections: ConsoleSection[] = [
  { path: "", label: "Overview", roles: ["admin", "supervisor"], element: <OverviewPage /> },
  ...wallboardSections,
  ...agentsSections,
  ...coachingSections,
  ...momentsSections,
  ...groupsSections,
  ...entryPointsSections,
  ...textingSections,
  ...channelsSections,
  ...presenceSections,
  { path: "security", label: "Security", roles: ["admin"], element: <SecurityPage /> },
  ...securitySuiteSections,
  { path: "tokens", label: "API tokens", roles: ["admin", "supervisor"], element: <ApiTokensPage /> },
];
