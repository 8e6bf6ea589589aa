import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLocation } from "react-router";
import type { ClientLogSettings } from "../../common/api/client-logs.ts";
import { clientLogQueryKeys, fetchOwnClientLogSettings } from "../api/client-logs.api.ts";
import { useCurrentUser } from "../hooks/use-session.ts";
import { useConnectionState } from "../realtime/use-connection-state.ts";
import { useRealtimeEvent } from "../realtime/use-realtime-event.ts";
import { captureBrowserLogs, desktopLogger } from "./client-log-shipping.ts";

const OFF: ClientLogSettings = { enabled: false, level: "error" };

/**
 * product.md, Client logs: the desktop learns from the API (and live, from `agent.client_logs_changed`)
 * whether an admin turned its logs on, and ships them only then. Returns the setting in force.
 */
export function useClientLogShipping(): ClientLogSettings {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: clientLogQueryKeys.own, queryFn: fetchOwnClientLogSettings }).data ?? OFF;
  useRealtimeEvent("agent.client_logs_changed", (payload) => {
    if (payload.agentId === user.id) {
      queryClient.setQueryData(clientLogQueryKeys.own, { enabled: payload.settings.enabled, level: payload.settings.level });
    }
  });

  const { enabled, level } = settings;
  useEffect(() => {
    desktopLogger.configure({ enabled, level });
    if (!enabled) {
      return undefined;
    }
    desktopLogger.log("info", `Client logs on at level ${level}`, { userAgent: navigator.userAgent });
    const release = captureBrowserLogs(desktopLogger);
    return () => {
      release();
      void desktopLogger.flush();
    };
  }, [enabled, level]);

  const connection = useConnectionState();
  useEffect(() => {
    desktopLogger.log(connection === "offline" ? "warning" : "info", `Real-time connection: ${connection}`);
  }, [connection]);
  const { pathname } = useLocation();
  useEffect(() => {
    desktopLogger.log("debug", `Opened ${pathname}`);
  }, [pathname]);

  return settings;
}
