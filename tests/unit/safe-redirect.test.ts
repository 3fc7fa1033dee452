import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect";

describe("safeRedirect", () => {
  it("percent-encodes what is not ASCII, so a Location header can carry it", () => {
    expect(safeRedirect("/订单")).toBe("/%E8%AE%A2%E5%8D%95");
    expect(safeRedirect("/products?q=当归&page=2#价格")).toBe(
      "/products?q=%E5%BD%93%E5%BD%92&page=2#%E4%BB%B7%E6%A0%BC",
    );
    // Astral characters are one character, not two halves.
    expect(safeRedirect("/a😀")).toBe("/a%F0%9F%98%80");
    // Every result is Latin-1: a Headers object takes it.
    expect(new Headers({ Location: safeRedirect("/订单?x=é") }).get("Location")).toBe(
      "/%E8%AE%A2%E5%8D%95?x=%C3%A9",
    );
  });

  it("keeps ASCII paths, and escapes already there, as they were", () => {
    expect(safeRedirect("/buyer/orders/5?tab=files")).toBe("/buyer/orders/5?tab=files");
    expect(safeRedirect("/%E8%AE%A2%E5%8D%95")).toBe("/%E8%AE%A2%E5%8D%95");
    expect(safeRedirect(safeRedirect("/订单"))).toBe("/%E8%AE%A2%E5%8D%95");
  });

  it("still refuses other sites, odd forms and control characters", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/a\\b",
      "evil",
      "/a\nb",
      "/a\u007fb",
      "/a\ud800b",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirect(bad, "/home"), String(bad)).toBe("/home");
    }
    // A full-width solidus is not a slash once encoded.
    expect(safeRedirect("/／evil.example")).toBe("/%EF%BC%8Fevil.example");
  });
});
