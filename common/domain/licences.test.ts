import { describe, expect, it } from "vitest";
import { momentsSelfService, type SelfServiceInput } from "./licences.ts";

describe("Moments self-service (product.md, People, roles, licences)", () => {
  it.each<[string, SelfServiceInput, ReturnType<typeof momentsSelfService>]>([
    ["member of every team, moments on, administration off", { moments: true, administration: false, teamRoles: ["member", "member"] }, { allowed: true, reasons: [] }],
    ["in no team at all", { moments: true, administration: false, teamRoles: [] }, { allowed: true, reasons: [] }],
    ["moments off", { moments: false, administration: false, teamRoles: ["member"] }, { allowed: false, reasons: ["moments_licence_off"] }],
    ["administration on", { moments: true, administration: true, teamRoles: ["member"] }, { allowed: false, reasons: ["administration_licence_on"] }],
    ["supervisor on one of the teams", { moments: true, administration: false, teamRoles: ["member", "supervisor"] }, { allowed: false, reasons: ["not_member_on_every_team"] }],
    [
      "every prerequisite unmet, each reason given",
      { moments: false, administration: true, teamRoles: ["supervisor"] },
      { allowed: false, reasons: ["moments_licence_off", "administration_licence_on", "not_member_on_every_team"] },
    ],
  ])("%s", (_name, input, expected) => {
    expect(momentsSelfService(input)).toEqual(expected);
  });
});
