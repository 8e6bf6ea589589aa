import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const WEB_BUILD_DIRECTORY = path.resolve(import.meta.dirname, "../../dist/web");

/**
 * Serves the built web app; any other GET that asks for HTML gets index.html so the page's router can take it.
 * API and socket paths never fall back to the page: they answer JSON 404s.
 */
export function hasWebBuild(directory: string): boolean {
  return existsSync(path.join(directory, "index.html"));
}

export async function registerWebApp(app: FastifyInstance, directory = WEB_BUILD_DIRECTORY): Promise<void> {
  await app.register(fastifyStatic, {
    root: directory,
    wildcard: false,
    index: false,
    setHeaders: (reply, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      void reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.header("cache-control", "no-cache").sendFile("index.html"));
}

export function isPageRequest(method: string, url: string, accept: string | undefined): boolean {
  if (method !== "GET" || url.startsWith("/api") || url.startsWith("/socket.io")) {
    return false;
  }
  return accept?.includes("text/html") ?? false;
}
