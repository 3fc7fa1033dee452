import { describe, expect, it } from "vitest";
import { buildMatchQuery, indexText, searchTokens } from "~/domain/search-text";

describe("search tokens", () => {
  it("makes each Han character a token and keeps other words whole", () => {
    expect(searchTokens("岷县当归 Grade A")).toEqual(["岷", "县", "当", "归", "grade", "a"]);
    expect(searchTokens("青薯9号")).toEqual(["青", "薯", "9", "号"]);
    expect(searchTokens("25kg/袋")).toEqual(["25kg", "袋"]);
  });
  it("normalises full-width forms and case", () => {
    expect(searchTokens("ＤＡＮＧＧＵＩ")).toEqual(["danggui"]);
  });
  it("drops punctuation", () => {
    expect(indexText("“定西马铃薯”，", null, "（宽粉）")).toBe("定 西 马 铃 薯 宽 粉");
  });
});

describe("buildMatchQuery", () => {
  it("turns a Chinese word into a phrase of its characters", () => {
    expect(buildMatchQuery("当归")).toBe('"当 归"');
    expect(buildMatchQuery("马铃薯")).toBe('"马 铃 薯"');
  });
  it("matches a trailing Latin word by prefix and ANDs the terms", () => {
    expect(buildMatchQuery("danggui 岷县")).toBe('"danggui" * AND "岷 县"');
  });
  it("cannot carry FTS5 syntax from the input", () => {
    expect(buildMatchQuery('" OR * NEAR(')).toBe('"or" * AND "near" *');
    expect(buildMatchQuery("***")).toBeNull();
    expect(buildMatchQuery("   ")).toBeNull();
  });
  it("bounds the number of terms", () => {
    const query = buildMatchQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "));
    expect(query?.split(" AND ")).toHaveLength(8);
  });
});
