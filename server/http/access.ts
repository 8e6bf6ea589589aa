import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import { MODULE_LABELS, type Module } from "../../common/domain/modules.ts";
import type { Role } from "../../common/domain/roles.ts";
import { ForbiddenError, UnauthenticatedError } from "../lib/errors.ts";
import type { AuthService } from "../modules/auth/auth.service.ts";
import type { Actor, Principal } from "../modules/auth/principal.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./session-cookie.ts";

/** Who may call a route: anyone (`public`), or signed-in users with one of these roles. */
export type RouteAccess = "public" | readonly Role[];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The desktop module the route belongs to: an agent with that module turned off gets 403 `module_disabled`. */
    module?: Module;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyInstance {
    routeAccessTable: RouteAccessEntry[];
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
  module?: Module;
}

const API_PREFIX = "/api/v1/";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every route under /api/v1 must declare its access rule: registering one without it fails at start-up,
 * and the route-table test walks `routeAccessTable` to prove each rule is enforced.
 */
export function registerAccessControl(app: FastifyInstance, authService: AuthService): void {
  app.decorate("routeAccessTable", [] as RouteAccessEntry[]);
  app.decorateRequest("principal", undefined);

  app.addHook("onRoute", (route: RouteOptions) => {
    if (!route.url.startsWith(API_PREFIX)) {
      return;
    }
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") {
        app.routeAccessTable.push({ method, url: route.url, access, ...(route.config?.module ? { module: route.config.module } : {}) });
      }
    }
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === "public") {
      return;
    }
    const principal = await authenticate(request, authService);
    if (!principal) {
      throw new UnauthenticatedError();
    }
    if (!access.includes(principal.user.role)) {
      throw new ForbiddenError();
    }
    assertModuleEnabled(request.routeOptions.config.module, principal);
    assertCsrf(request, principal);
    request.principal = principal;
  });
}

async function authenticate(request: FastifyRequest, authService: AuthService): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) {
    return authService.authenticateToken(authorization.slice("Bearer ".length).trim());
  }
  const sessionSecret = request.cookies[SESSION_COOKIE];
  return sessionSecret ? authService.authenticateSession(sessionSecret) : undefined;
}

// product.md, The agent record: "a module turned off is absent from the agent's desktop and its API refuses
// the agent". Module permissions are an agent's; admins and supervisors are not held to them.
function assertModuleEnabled(module: Module | undefined, principal: Principal): void {
  if (module && principal.user.role === "agent" && principal.disabledModules?.includes(module)) {
    throw new ForbiddenError("module_disabled", `${MODULE_LABELS[module]} is turned off for you. Ask an administrator to turn it on.`);
  }
}

// A write authenticated by the session cookie must carry the session's CSRF token in a header, which a
// cross-site form or image cannot set. API tokens are sent explicitly, so they need none.
function assertCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.via !== "session" || SAFE_METHODS.has(request.method)) {
    return;
  }
  if (request.headers[CSRF_HEADER] !== principal.csrfToken) {
    throw new ForbiddenError("csrf_token_invalid", `Missing or wrong ${CSRF_HEADER} header.`);
  }
}

/** The actor of a request: its principal and request id, for services that audit their changes. */
export function actorOf(request: FastifyRequest): Actor {
  return { principal: requirePrincipal(request), requestId: request.id };
}

/** The principal of a route that is not public; the access hook has already refused anyone else. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new UnauthenticatedError();
  }
  return request.principal;
}
