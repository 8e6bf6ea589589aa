import { describe, expect, it } from "vitest";
import { fillPlaceholders, keywordOf, unknownPlaceholders } from "./texting.ts";

describe("texting keywords", () => {
  it.each([
    ["STOP", "opt_out"],
    ["stop", "opt_out"],
    ["  Stop. ", "opt_out"],
    ["STOPALL", "opt_out"],
    ["unsubscribe", "opt_out"],
    ["Cancel!", "opt_out"],
    ["END", "opt_out"],
    ["quit", "opt_out"],
    ["OPTOUT", "opt_out"],
    ["revoke", "opt_out"],
    ["START", "opt_in"],
    ["yes", "opt_in"],
    ["Unstop", "opt_in"],
    ["HELP", "help"],
    ["info", "help"],
  ])("reads %j as %s", (body, action) => {
    expect(keywordOf(body)?.action).toBe(action);
  });

  it.each(["Please stop texting me", "STOP IT", "yes please", "", "helpful"])("reads %j as an ordinary message", (body) => {
    expect(keywordOf(body)).toBeNull();
  });
});

describe("template placeholders", () => {
  it("fills the contact's name and the agent's alias, leaving unknown placeholders as written", () => {
    expect(fillPlaceholders("Hi {{contact.name}}, {{ agent.alias }} here. {{order.id}}", { "contact.name": "Ada", "agent.alias": "Sam" })).toBe("Hi Ada, Sam here. {{order.id}}");
  });

  it("names the placeholders that do not exist", () => {
    expect(unknownPlaceholders("Hi {{contact.name}} {{contact.phone}} {{agent.alias}} {{x}}")).toEqual(["contact.phone", "x"]);
  });
});
