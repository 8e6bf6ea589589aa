import { describe, expect, it } from "vitest";
import { auditViewFrom, endOfDay, startOfDay } from "./audit-filters.ts";

describe("audit log filters in the page address", () => {
  it("turns a day range into the instants the API filters on, the last day included", () => {
    const view = auditViewFrom(new URLSearchParams("from=2026-03-01&to=2026-03-02&action=user.disabled&page=3"));
    expect(view.filters).toEqual({ action: "user.disabled", from: startOfDay("2026-03-01"), to: endOfDay("2026-03-02") });
    expect(new Date(view.filters.to ?? "").getTime() - new Date(view.filters.from ?? "").getTime()).toBeGreaterThanOrEqual(47 * 3_600_000);
    expect(view).toMatchObject({ fromDate: "2026-03-01", toDate: "2026-03-02", page: 3 });
  });

  it("ignores what is not a date or a page", () => {
    const view = auditViewFrom(new URLSearchParams("from=yesterday&page=-2&actorId=x&actor=ada"));
    expect(view).toEqual({ filters: { actorId: "x" }, fromDate: "", toDate: "", actorUsername: "ada", page: 1 });
  });
});
