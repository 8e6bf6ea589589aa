import { useContext } from "react";
import { ConnectionStateContext } from "./connection-state-context.ts";
import type { ConnectionState } from "./realtime-client.ts";

export function useConnectionState(): ConnectionState {
  return useContext(ConnectionStateContext);
}
