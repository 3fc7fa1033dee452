import { describe, expect, it } from "vitest";
import {
  checkCreditCode,
  creditCodeCheckCharacter,
  isValidCreditCode,
  normaliseCreditCode,
} from "~/domain/credit-code";

// Published codes of real organisations (GB 32100-2015 check characters).
const REAL_CODES = ["91350100M000100Y43", "91110000600001760P", "91440300708461136T"];

describe("unified social credit code", () => {
  it("accepts real codes", () => {
    for (const code of REAL_CODES) expect(checkCreditCode(code), code).toBeNull();
  });

  it("computes the check character, including the 31 → 0 wrap", () => {
    expect(creditCodeCheckCharacter("91350100M000100Y4")).toBe("3");
    // A body whose weighted sum is a multiple of 31 has check character "0".
    expect(creditCodeCheckCharacter("00000000000000000")).toBe("0");
  });

  it("names a wrong check character and the expected one", () => {
    expect(checkCreditCode("91350100M000100Y44")).toEqual({
      problem: "check",
      expected: "3",
      actual: "4",
    });
  });

  it("names the length problem", () => {
    expect(checkCreditCode("9135010")).toEqual({ problem: "length", length: 7 });
  });

  it("names a forbidden character and its position", () => {
    // I, O, Z, S, V are not in the character set.
    expect(checkCreditCode("91350100M00O100Y43")).toEqual({
      problem: "character",
      position: 12,
      character: "O",
    });
  });

  it("requires a numeric division code in positions 3–8", () => {
    expect(checkCreditCode("91A50100M000100Y43")).toEqual({
      problem: "division",
      division: "A50100",
    });
  });

  it("normalises what people type", () => {
    expect(normaliseCreditCode(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
    expect(isValidCreditCode(normaliseCreditCode("9135 0100 M000 100Y 43"))).toBe(true);
  });
});
