import { createContext } from "react";
import type { ConnectionState } from "./realtime-client.ts";

export const ConnectionStateContext = createContext<ConnectionState>("connecting");
