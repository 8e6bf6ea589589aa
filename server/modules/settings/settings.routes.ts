import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  accountSettingsSchema,
  channelSettingsSchema,
  updateAccountSettingsRequestSchema,
  updateChannelSettingsRequestSchema,
} from "../../../common/api/channels.ts";
import { securitySettingsSchema, updateSecuritySettingsRequestSchema } from "../../../common/api/settings.ts";
import { actorOf } from "../../http/access.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { SettingsService } from "./settings.service.ts";

export function registerSettingsRoutes(app: FastifyInstance, settingsService: SettingsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/settings/security", {
    config: { access: ["admin"] },
    schema: { tags: ["settings"], summary: "Read the security settings", response: { 200: securitySettingsSchema, ...errorResponses } },
    handler: async () => settingsService.getSecurity(),
  });

  routes.patch("/api/v1/settings/security", {
    config: { access: ["admin"] },
    schema: {
      tags: ["settings"],
      summary: "Change the security settings",
      body: updateSecuritySettingsRequestSchema,
      response: { 200: securitySettingsSchema, ...errorResponses },
    },
    handler: async (request) => settingsService.updateSecurity(actorOf(request), request.body),
  });

  // Supervisors read it too: the agent pages they edit offer only the account's channels and typologies.
  routes.get("/api/v1/settings/account", {
    config: { access: ["admin", "supervisor"] },
    schema: { tags: ["settings"], summary: "Read the account's channels and typologies", response: { 200: accountSettingsSchema, ...errorResponses } },
    handler: async () => settingsService.getAccount(),
  });

  routes.patch("/api/v1/settings/account", {
    config: { access: ["admin"] },
    schema: {
      tags: ["settings"],
      summary: "Turn channels and the mobile typology on or off for the account (voice, SMS and chat stay on)",
      body: updateAccountSettingsRequestSchema,
      response: { 200: accountSettingsSchema, ...errorResponses },
    },
    handler: async (request) => settingsService.updateAccount(actorOf(request), request.body),
  });

  routes.get("/api/v1/settings/channels", {
    config: { access: ["admin"] },
    schema: { tags: ["settings"], summary: "Read the default capacity per channel and the max open tab limit", response: { 200: channelSettingsSchema, ...errorResponses } },
    handler: async () => settingsService.getChannels(),
  });

  routes.patch("/api/v1/settings/channels", {
    config: { access: ["admin"] },
    schema: {
      tags: ["settings"],
      summary: "Change the default capacity per channel and the max open tab limit (0 is unlimited)",
      body: updateChannelSettingsRequestSchema,
      response: { 200: channelSettingsSchema, ...errorResponses },
    },
    handler: async (request) => settingsService.updateChannels(actorOf(request), request.body),
  });
}
