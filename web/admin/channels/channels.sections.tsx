import type { ConsoleSection } from "../console-section.ts";
import { ChannelsPage } from "./channels-page.tsx";

export const channelsSections: ConsoleSection[] = [{ path: "channels", label: "Channels", roles: ["admin"], element: <ChannelsPage /> }];
