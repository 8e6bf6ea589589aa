import type { FastifyError, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AVATAR_MAX_BYTES, avatarSchema } from "../../../common/api/avatars.ts";
import { errorBodySchema } from "../../../common/api/errors.ts";
import { userParamsSchema } from "../../../common/api/users.ts";
import { actorOf } from "../../http/access.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { errorResponses } from "../../http/openapi.ts";
import { avatarTooLarge, avatarUnsupportedType, type AvatarsService } from "./avatars.service.ts";

const EVERYONE = ["admin", "supervisor", "agent"] as const;
// A little above the limit, so a body just over 8 MB is still read and answered with the avatar's own message.
const BODY_LIMIT = AVATAR_MAX_BYTES + 64 * 1024;

/**
 * The picture travels as the raw request body (`content-type: image/png` or `image/jpeg`), judged by its bytes.
 * Registered as a plugin: the raw-body parser and the body limit apply to these routes only.
 */
export async function registerAvatarRoutes(app: FastifyInstance, service: AvatarsService): Promise<void> {
  await app.register(async (scope) => {
    // Every body in this scope is raw bytes, whatever its content type: the bytes, not the header, say what it is.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError) => {
      // Thrown on to the app's error handler, which renders the error body.
      throw error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? avatarTooLarge() : error;
    });
    registerRoutes(scope, service);
  });
}

function registerRoutes(app: FastifyInstance, service: AvatarsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.put("/api/v1/users/:userId/avatar", {
    config: { access: EVERYONE },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ["users"],
      summary: "Set a user's picture (yourself, or as their admin or supervisor): a PNG or JPG of at most 8 MB as the raw body",
      params: userParamsSchema,
      response: { 200: avatarSchema, ...errorResponses, 413: errorBodySchema, 415: errorBodySchema },
    },
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw avatarUnsupportedType();
      }
      return service.put(actorOf(request), request.params.userId, request.body);
    },
  });

  routes.get("/api/v1/users/:userId/avatar", {
    config: { access: EVERYONE },
    schema: {
      tags: ["users"],
      summary: "A user's picture (image/png or image/jpeg), with an ETag",
      params: userParamsSchema,
      response: { 200: z.unknown().describe("The picture's bytes"), 304: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      // Revalidated on every use (no-cache) but sent again only when it changed: a list of agents stays cheap.
      const version = await service.version(request.params.userId);
      const etag = version ? `"${version.getTime().toString(36)}"` : undefined;
      if (etag && (request.headers["if-none-match"] ?? "").split(",").some((candidate) => candidate.trim() === etag)) {
        return reply.code(304).header("etag", etag).header("cache-control", "private, no-cache").send(null);
      }
      const avatar = await service.find(request.params.userId);
      if (!avatar) {
        throw new NotFoundError("avatar_not_found", "This user has no picture.");
      }
      return reply
        .type(avatar.contentType)
        .header("etag", `"${avatar.updatedAt.getTime().toString(36)}"`)
        .header("cache-control", "private, no-cache")
        .send(Buffer.from(avatar.data));
    },
  });

  routes.delete("/api/v1/users/:userId/avatar", {
    config: { access: EVERYONE },
    schema: {
      tags: ["users"],
      summary: "Remove a user's picture (yourself, or as their admin or supervisor)",
      params: userParamsSchema,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.remove(actorOf(request), request.params.userId);
      return reply.code(204).send(null);
    },
  });
}
