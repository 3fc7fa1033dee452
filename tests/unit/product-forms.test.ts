import { describe, expect, it } from "vitest";
import { parseForm } from "~/domain/forms";
import {
  certificationDateProblems,
  certificationSchema,
  productFormValues,
  productSchema,
  splitTags,
  stockAdjustmentSchema,
} from "~/domain/product-forms";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

const valid = {
  nameZh: "岷县当归片",
  categorySlug: "herbs",
  unitCode: "kg",
  countyCode: "621126",
  price: "88.50",
  minOrderQty: "10",
  stock: "500",
};

describe("the product form", () => {
  it("turns yuan into fen and the price and minimum order into the first tier", () => {
    const result = parseForm(productSchema, form({ ...valid, tierQty1: "100", tierPrice1: "80" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.tiers).toEqual([
      { minQty: 10, unitPriceFen: 8850 },
      { minQty: 100, unitPriceFen: 8000 },
    ]);
    expect(result.data.stock).toBe(500);
    expect(result.data.monthlyCapacity).toBe(0);
    expect(result.data.shelfLifeDays).toBe(0);
  });

  it("ignores blank tier rows and keeps the rest in order", () => {
    const result = parseForm(
      productSchema,
      form({ ...valid, tierQty2: "50", tierPrice2: "85", tierQty4: "200", tierPrice4: "80.5" }),
    );
    expect(result.ok && result.data.tiers.map((t) => t.minQty)).toEqual([10, 50, 200]);
  });

  it("names a tier whose quantity does not rise, with the least it may be", () => {
    const result = parseForm(productSchema, form({ ...valid, tierQty1: "10", tierPrice1: "80" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.tierQty1).toEqual(['forms.tierQtyRising|{"min":11}']);
  });

  it("refuses a tier whose unit price rises", () => {
    const result = parseForm(productSchema, form({ ...valid, tierQty1: "100", tierPrice1: "90" }));
    expect(!result.ok && result.fieldErrors.tierPrice1).toEqual(["forms.tierPriceRising"]);
  });

  it("refuses a half-filled tier row on the missing half", () => {
    const onlyQty = parseForm(productSchema, form({ ...valid, tierQty1: "100" }));
    expect(!onlyQty.ok && onlyQty.fieldErrors.tierPrice1).toEqual(["forms.price"]);
    const onlyPrice = parseForm(productSchema, form({ ...valid, tierPrice3: "70" }));
    expect(!onlyPrice.ok && onlyPrice.fieldErrors.tierQty3).toEqual(["forms.wholeNumber"]);
  });

  it("refuses prices that are zero, negative, or have more than two decimals", () => {
    for (const price of ["0", "-1", "12.345", "abc", "1e3"]) {
      const result = parseForm(productSchema, form({ ...valid, price }));
      expect(!result.ok && result.fieldErrors.price, price).toEqual(["forms.price"]);
    }
    const missing = parseForm(productSchema, form({ ...valid, price: "" }));
    expect(!missing.ok && missing.fieldErrors.price).toEqual(["forms.required"]);
  });

  it("accepts prices typed with grouping commas", () => {
    const result = parseForm(productSchema, form({ ...valid, price: "1,288.00" }));
    expect(result.ok && result.data.tiers[0]).toEqual({ minQty: 10, unitPriceFen: 128800 });
  });

  it("needs a whole minimum order above zero and whole, non-negative stock", () => {
    const zero = parseForm(productSchema, form({ ...valid, minOrderQty: "0" }));
    expect(!zero.ok && zero.fieldErrors.minOrderQty).toEqual(["forms.positive"]);
    const fraction = parseForm(productSchema, form({ ...valid, minOrderQty: "2.5" }));
    expect(!fraction.ok && fraction.fieldErrors.minOrderQty).toEqual(["forms.wholeNumber"]);
    const negative = parseForm(productSchema, form({ ...valid, stock: "-3" }));
    expect(!negative.ok && negative.fieldErrors.stock).toEqual(["forms.wholeNumber"]);
  });

  it("requires the Chinese name, a category, a unit and a county", () => {
    const result = parseForm(productSchema, form({ price: "1", minOrderQty: "1" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.nameZh).toEqual(["forms.required"]);
    expect(result.fieldErrors.categorySlug).toEqual(["forms.choose"]);
    expect(result.fieldErrors.unitCode).toEqual(["forms.choose"]);
    expect(result.fieldErrors.countyCode).toEqual(["forms.choose"]);
  });

  it("splits tags on either comma, 、 and semicolons, without repeats, at most eight", () => {
    expect(splitTags("岷县当归, 地理标志、岷县当归；有机")).toEqual([
      "岷县当归",
      "地理标志",
      "有机",
    ]);
    const many = parseForm(productSchema, form({ ...valid, tags: "a,b,c,d,e,f,g,h,i" }));
    expect(!many.ok && many.fieldErrors.tags).toEqual(['forms.tooManyTags|{"max":8}']);
  });

  it("gives a saved product back as the form's text", () => {
    const values = productFormValues(
      {
        nameZh: "党参",
        nameEn: "",
        descriptionZh: "",
        descriptionEn: "",
        categorySlug: "herbs",
        unitCode: "kg",
        countyCode: "621123",
        stock: 7,
        monthlyCapacity: 0,
        specZh: "",
        specEn: "",
        shelfLifeDays: 365,
        storageZh: "",
        storageEn: "",
        tags: ["渭源白条党参", "地理标志"],
      },
      [
        { minQty: 5, unitPriceFen: 6000 },
        { minQty: 50, unitPriceFen: 5505 },
      ],
    );
    expect(values).toMatchObject({
      price: "60.00",
      minOrderQty: "5",
      tierQty1: "50",
      tierPrice1: "55.05",
      tags: "渭源白条党参、地理标志",
      shelfLifeDays: "365",
      monthlyCapacity: "",
    });
    // What the form shows parses back to the same tiers.
    const again = parseForm(productSchema, form(values));
    expect(again.ok && again.data.tiers).toEqual([
      { minQty: 5, unitPriceFen: 6000 },
      { minQty: 50, unitPriceFen: 5505 },
    ]);
  });
});

describe("the certification form", () => {
  const cert = {
    authority: "岷县扶贫开发领导小组办公室",
    level: "county",
    number: "MX-2026-017",
    issuedOn: "2026-03-01",
    validUntil: "2027-02-28",
    value: "1,200,000",
    peopleLifted: "46",
  };

  it("reads the value in yuan and the dates", () => {
    const result = parseForm(certificationSchema, form(cert));
    expect(result.ok && result.data).toMatchObject({ value: 120_000_000, peopleLifted: 46 });
  });

  it("refuses an impossible date and a validity before the issue date", () => {
    const bad = parseForm(certificationSchema, form({ ...cert, issuedOn: "2026-02-30" }));
    expect(!bad.ok && bad.fieldErrors.issuedOn).toEqual(["forms.date"]);
    const before = parseForm(certificationSchema, form({ ...cert, validUntil: "2026-01-01" }));
    expect(!before.ok && before.fieldErrors.validUntil).toEqual(["forms.validBeforeIssued"]);
  });

  it("refuses a level that is not on the list", () => {
    const result = parseForm(certificationSchema, form({ ...cert, level: "village" }));
    expect(!result.ok && result.fieldErrors.level).toEqual(["forms.choose"]);
  });

  it("checks dates against today: not issued in the future, not already expired", () => {
    expect(
      certificationDateProblems({ issuedOn: "2026-03-01", validUntil: "2027-02-28" }, "2026-11-28"),
    ).toEqual({});
    expect(
      certificationDateProblems({ issuedOn: "2026-12-01", validUntil: "2026-11-27" }, "2026-11-28"),
    ).toEqual({ issuedOn: ["forms.issuedInFuture"], validUntil: ["forms.alreadyExpired"] });
  });
});

describe("the stock adjustment form", () => {
  it("needs a direction, a whole quantity above zero and a reason", () => {
    const result = parseForm(stockAdjustmentSchema, form({ direction: "remove", quantity: "0" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.quantity).toEqual(["forms.positive"]);
    expect(result.fieldErrors.reason).toEqual(["forms.required"]);
  });
});
