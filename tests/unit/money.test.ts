import { describe, expect, it } from "vitest";
import { formatFen, formatFenLarge, parseYuanToFen, percentOf } from "~/domain/money";

describe("formatFen", () => {
  it("shows yuan with two decimals and thousands separators", () => {
    expect(formatFen(123456)).toBe("¥1,234.56");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(20_000_000_000)).toBe("¥200,000,000.00");
  });
  it("puts the sign before the currency for refunds", () => {
    expect(formatFen(-123456)).toBe("-¥1,234.56");
  });
  it("refuses amounts that are not whole fen", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});

describe("formatFenLarge", () => {
  it("uses 亿元 and 万元 in Chinese, trimming zeros", () => {
    expect(formatFenLarge(200_000_000_00, "zh-CN")).toBe("2亿元");
    expect(formatFenLarge(30_000_000_00, "zh-CN")).toBe("3000万元");
    expect(formatFenLarge(123_456_789_00, "zh-CN")).toBe("1.23亿元");
    expect(formatFenLarge(15_000_00, "zh-CN")).toBe("1.5万元");
    expect(formatFenLarge(8_650_00, "zh-CN")).toBe("8,650元");
  });
  it("rounds half up at the shown precision", () => {
    // 1.235万元 → 1.24万元
    expect(formatFenLarge(12_350_00, "zh-CN")).toBe("1.24万元");
    expect(formatFenLarge(12_349_99, "zh-CN")).toBe("1.23万元");
  });
  it("uses millions in English", () => {
    expect(formatFenLarge(200_000_000_00, "en")).toBe("¥200 million");
    expect(formatFenLarge(30_000_000_00, "en")).toBe("¥30 million");
    expect(formatFenLarge(1_250_000_00, "en")).toBe("¥1.25 million");
    expect(formatFenLarge(8_650_00, "en")).toBe("¥8,650");
  });
  it("keeps the sign of negative sums", () => {
    expect(formatFenLarge(-30_000_000_00, "zh-CN")).toBe("-3000万元");
  });
});

describe("parseYuanToFen", () => {
  it("reads amounts as typed, exactly", () => {
    expect(parseYuanToFen("12")).toBe(1200);
    expect(parseYuanToFen("12.5")).toBe(1250);
    expect(parseYuanToFen("0.07")).toBe(7);
    expect(parseYuanToFen(" 1,234.56 ")).toBe(123456);
    expect(parseYuanToFen("0.1")).toBe(10); // no float drift: 0.1 * 100 would be 10.000000000000002
  });
  it("rejects anything else", () => {
    for (const bad of ["", "abc", "-1", "1.234", "1e3", "12..5", "Infinity", "１２"]) {
      expect(parseYuanToFen(bad), bad).toBeNull();
    }
  });
});

describe("percentOf", () => {
  it("rounds down and is 0 without a target", () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(50, 0)).toBe(0);
    expect(percentOf(300, 200)).toBe(150);
  });
});
