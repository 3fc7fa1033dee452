import { describe, expect, it } from "vitest";
import { chooseLanguage, languageFromAcceptHeader } from "~/i18n/detect";
import { safeRedirect } from "~/utils/safe-redirect";

describe("language detection", () => {
  it("follows Accept-Language by quality", () => {
    expect(languageFromAcceptHeader("en-US,en;q=0.9")).toBe("en");
    expect(languageFromAcceptHeader("zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(languageFromAcceptHeader("fr-FR,en;q=0.5,zh;q=0.7")).toBe("zh-CN");
    expect(languageFromAcceptHeader("fr-FR,de;q=0.9")).toBeNull();
    expect(languageFromAcceptHeader("en;q=0,zh;q=0.1")).toBe("zh-CN");
  });
  it("lets the explicit choice win, and defaults to Chinese", () => {
    expect(chooseLanguage("en", "zh-CN")).toBe("en");
    expect(chooseLanguage("xx", "en-GB")).toBe("en");
    expect(chooseLanguage(undefined, null)).toBe("zh-CN");
  });
});

describe("safeRedirect", () => {
  it("keeps local paths", () => {
    expect(safeRedirect("/products?q=当归")).toBe("/products?q=%E5%BD%93%E5%BD%92");
  });
  it("refuses other sites and odd forms", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "evil",
      "/a\nb",
      null,
    ]) {
      expect(safeRedirect(bad, "/home")).toBe("/home");
    }
  });
});
