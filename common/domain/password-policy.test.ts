import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password-policy.ts";

describe("password policy", () => {
  it.each([
    ["Abcdef1!", []],
    ["abcdef1!", ["password: needs an upper-case letter"]],
    ["ABCDEF1!", ["password: needs a lower-case letter"]],
    ["Abcdefg!", ["password: needs a digit"]],
    ["Abcdefg1", ["password: needs one of ~!@#$%^&-_=+[{]}"]],
    ["Ab1!", ["password: at least 8 characters"]],
    ["Abcdef1*", ["password: needs one of ~!@#$%^&-_=+[{]}"]],
    ["", ["password: required"]],
  ])("with the security suite on, %j → %j", (password, problems) => {
    expect(passwordProblems(password, true)).toEqual(problems);
  });

  it("asks only for a non-empty password while the security suite is off", () => {
    expect(passwordProblems("a", false)).toEqual([]);
    expect(passwordProblems("", false)).toEqual(["password: required"]);
  });

  it("names the field it was given", () => {
    expect(passwordProblems("short", true, "newPassword")[0]).toMatch(/^newPassword: /);
  });
});
