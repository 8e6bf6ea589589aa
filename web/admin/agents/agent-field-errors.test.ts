import { describe, expect, it } from "vitest";
import { agentTelephonySchema } from "../../../common/domain/agent-record.ts";
import { ApiError } from "../../api/api-error.ts";
import { agentErrorsFromApiError, agentErrorsFromZodError, errorOf } from "./agent-field-errors.ts";

describe("agent field errors", () => {
  it("keys the server's issues by full path and keeps only the rule", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "…",
      details: [
        { field: "voiceSettings.allowedCodecs", message: "voiceSettings.allowedCodecs: g729 is not supported by webrtc agents" },
        { field: "voiceSettings.transports.1", message: "voiceSettings.transports.1: one of udp, tcp, tls, ws, wss" },
      ],
    });
    const errors = agentErrorsFromApiError(error);
    expect(errors["voiceSettings.allowedCodecs"]).toBe("G729 is not supported by webrtc agents");
    expect(errorOf(errors, "voiceSettings.transports")).toBe("One of udp, tcp, tls, ws, wss");
    expect(errorOf(errors, "voiceSettings.host")).toBeUndefined();
  });

  it("puts a conflict next to the field its message names", () => {
    const taken = new ApiError({ status: 409, code: "extension_taken", message: "extension: already in use" });
    expect(agentErrorsFromApiError(taken)).toEqual({ extension: "Already in use" });
    expect(agentErrorsFromApiError(new ApiError({ status: 404, code: "agent_not_found", message: "Agent not found." }))).toEqual({});
  });

  it("words the page's own check like the server", () => {
    const parsed = agentTelephonySchema.safeParse({ typology: "phonebar", voiceSettings: { allowedCodecs: ["g729"] } });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(agentErrorsFromZodError(parsed.error)).toEqual({ "voiceSettings.allowedCodecs": "G729 is not supported by phonebar agents" });
    }
  });
});
