import type { CurrentUser } from "../../../common/api/auth.ts";
import type { Module } from "../../../common/domain/modules.ts";

/** Who is asking: a signed-in user through a session cookie, or an integration through an API token. */
export type Principal = (
  | { via: "session"; user: CurrentUser; sessionId: string; csrfToken: string }
  | { via: "token"; user: CurrentUser; tokenId: string }
) & {
  /** The user's desktop modules turned off (product.md: module permissions); absent: none. */
  disabledModules?: readonly Module[];
};

/** Who is acting, and in which request: services record it in the audit log. */
export interface Actor {
  principal: Principal;
  requestId: string;
}
