import { describe, expect, it } from "vitest";
import { fenToChineseCapital } from "~/domain/money-words";

const yuan = (n: number) => n * 100;

describe("fenToChineseCapital (大写金额)", () => {
  it("writes nothing as 零元整", () => {
    expect(fenToChineseCapital(0)).toBe("零元整");
  });

  it("writes amounts below one yuan without 元", () => {
    expect(fenToChineseCapital(1)).toBe("壹分");
    expect(fenToChineseCapital(10)).toBe("壹角");
    expect(fenToChineseCapital(15)).toBe("壹角伍分");
    expect(fenToChineseCapital(50)).toBe("伍角");
  });

  it("closes whole yuan with 整, and only whole yuan", () => {
    expect(fenToChineseCapital(yuan(1))).toBe("壹元整");
    expect(fenToChineseCapital(yuan(10))).toBe("壹拾元整");
    expect(fenToChineseCapital(yuan(1001))).toBe("壹仟零壹元整");
    expect(fenToChineseCapital(1_409_50)).toBe("壹仟肆佰零玖元伍角"); // no 整 after 角
    expect(fenToChineseCapital(1_234_56)).toBe("壹仟贰佰叁拾肆元伍角陆分"); // none after 分
  });

  it("writes one 零 for a run of zeros, none at the end of a group", () => {
    expect(fenToChineseCapital(6_007_14)).toBe("陆仟零柒元壹角肆分");
    expect(fenToChineseCapital(107_000_53)).toBe("壹拾万柒仟元零伍角叁分");
    expect(fenToChineseCapital(yuan(100_100))).toBe("壹拾万零壹佰元整");
    expect(fenToChineseCapital(1_000_010_05)).toBe("壹佰万零壹拾元零伍分");
  });

  it("puts 零 after 元 when the 元 digit or the 角 digit is 0", () => {
    expect(fenToChineseCapital(1_680_32)).toBe("壹仟陆佰捌拾元零叁角贰分");
    expect(fenToChineseCapital(10_000_50)).toBe("壹万元零伍角");
    expect(fenToChineseCapital(16_409_02)).toBe("壹万陆仟肆佰零玖元零贰分");
    expect(fenToChineseCapital(325_04)).toBe("叁佰贰拾伍元零肆分");
  });

  it("writes 亿 and the targets' sums", () => {
    expect(fenToChineseCapital(yuan(100_000_000))).toBe("壹亿元整");
    expect(fenToChineseCapital(yuan(200_000_000))).toBe("贰亿元整"); // the city's 2亿 target
    expect(fenToChineseCapital(yuan(30_000_000))).toBe("叁仟万元整"); // each district's
    expect(fenToChineseCapital(yuan(100_010_000))).toBe("壹亿零壹万元整");
    expect(fenToChineseCapital(yuan(100_000_001))).toBe("壹亿零壹元整");
    expect(fenToChineseCapital(yuan(1_020_000_000))).toBe("壹拾亿贰仟万元整");
    expect(fenToChineseCapital(yuan(1_000_000_000_000))).toBe("壹万亿元整");
  });

  it("marks a negative amount and refuses anything but whole fen", () => {
    expect(fenToChineseCapital(-1_00)).toBe("负壹元整");
    expect(() => fenToChineseCapital(1.5)).toThrow(RangeError);
    expect(() => fenToChineseCapital(Number.NaN)).toThrow(RangeError);
  });
});
