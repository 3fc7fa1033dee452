import { describe, expect, it } from "vitest";
import { addMonths, daysBetween, formatDate, shanghaiDate, shanghaiYear } from "~/domain/dates";

describe("Shanghai dates", () => {
  it("uses the Shanghai calendar day, not UTC's", () => {
    // 2020-12-31 17:00 UTC is already 2021-01-01 01:00 in Shanghai.
    const at = new Date("2020-12-31T17:00:00Z");
    expect(shanghaiDate(at)).toBe("2021-01-01");
    expect(shanghaiYear(at)).toBe(2021);
    expect(shanghaiDate(new Date("2020-12-31T15:59:59Z"))).toBe("2020-12-31");
  });
  it("adds months, clamping to the end of shorter months", () => {
    expect(addMonths("2020-01-31", 1)).toBe("2020-02-29");
    expect(addMonths("2020-06-15", 36)).toBe("2023-06-15");
    expect(addMonths("2021-03-10", -4)).toBe("2020-11-10");
  });
  it("counts days between dates", () => {
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2020-03-01", "2020-02-28")).toBe(-2);
  });
  it("formats for people in both languages", () => {
    expect(formatDate("2026-11-28", "zh-CN")).toBe("2026年11月28日");
    expect(formatDate("2026-11-28", "en")).toBe("28 Nov 2026");
  });
});
