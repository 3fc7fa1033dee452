import { describe, expect, it } from "vitest";
import { parseCatalogParams } from "~/domain/catalog-params";

const parse = (query: string) => parseCatalogParams(new URLSearchParams(query));

describe("catalog query string", () => {
  it("reads every filter", () => {
    const { params, problems } = parse(
      "county=621126&category=herbs&q=当归&min=10&max=150.5&sort=price_asc&page=2",
    );
    expect(problems).toEqual([]);
    expect(params).toMatchObject({
      county: "621126",
      category: "herbs",
      q: "当归",
      minPriceFen: 1000,
      maxPriceFen: 15050,
      sort: "price_asc",
      page: 2,
    });
  });

  it("treats empty fields as absent (a submitted empty form)", () => {
    const { params, problems } = parse("county=&category=&q=&min=&max=&sort=");
    expect(problems).toEqual([]);
    expect(params.county).toBeUndefined();
    expect(params.minPriceFen).toBeUndefined();
  });

  it("drops each bad value, names it, and keeps the rest", () => {
    const { params, problems } = parse("county=abc&min=ten&max=20&sort=cheapest&page=0&q=党参");
    expect(problems).toEqual([
      "catalog.errors.county",
      "catalog.errors.sort",
      "catalog.errors.page",
      "catalog.errors.minPrice",
    ]);
    expect(params).toMatchObject({ q: "党参", maxPriceFen: 2000 });
    expect(params.county).toBeUndefined();
  });

  it("refuses a price range that is upside down", () => {
    const { params, problems } = parse("min=100&max=10");
    expect(problems).toEqual(["catalog.errors.priceRange"]);
    expect(params.minPriceFen).toBeUndefined();
    expect(params.maxPriceFen).toBeUndefined();
  });

  it("cuts an overlong search to 100 characters and keeps what was typed", () => {
    const { params } = parse(`q=${"薯".repeat(300)}&min=%201`);
    expect(params.q).toHaveLength(100);
    expect(params.raw.min).toBe(" 1");
  });
});
