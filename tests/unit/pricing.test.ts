import { describe, expect, it } from "vitest";
import {
  checkTiers,
  lineTotalFen,
  tierFor,
  tierSavingsFen,
  type PriceTier,
} from "~/domain/pricing";

const potatoTiers: PriceTier[] = [
  { minQty: 500, unitPriceFen: 260 },
  { minQty: 2000, unitPriceFen: 240 },
  { minQty: 10000, unitPriceFen: 230 },
];

describe("tier pricing", () => {
  it("applies the highest tier the quantity reaches", () => {
    expect(tierFor(potatoTiers, 500)?.unitPriceFen).toBe(260);
    expect(tierFor(potatoTiers, 1999)?.unitPriceFen).toBe(260);
    expect(tierFor(potatoTiers, 2000)?.unitPriceFen).toBe(240);
    expect(tierFor(potatoTiers, 50000)?.unitPriceFen).toBe(230);
  });

  it("refuses quantities below the minimum order or not whole", () => {
    expect(tierFor(potatoTiers, 499)).toBeNull();
    expect(tierFor(potatoTiers, 0)).toBeNull();
    expect(tierFor(potatoTiers, -5)).toBeNull();
    expect(tierFor(potatoTiers, 600.5)).toBeNull();
    expect(lineTotalFen(potatoTiers, 499)).toBeNull();
  });

  it("computes line totals in whole fen", () => {
    // 2,000 kg of potatoes at ¥2.40 = ¥4,800.00
    expect(lineTotalFen(potatoTiers, 2000)).toBe(480_000);
    expect(lineTotalFen(potatoTiers, 777)).toBe(777 * 260);
  });

  it("does not depend on the order tiers are given in", () => {
    const shuffled = [potatoTiers[2]!, potatoTiers[0]!, potatoTiers[1]!];
    expect(tierFor(shuffled, 2500)?.unitPriceFen).toBe(240);
  });

  it("reports savings against the first tier", () => {
    expect(tierSavingsFen(potatoTiers, 2000)).toBe(2000 * 20);
    expect(tierSavingsFen(potatoTiers, 600)).toBe(0);
  });
});

describe("checkTiers", () => {
  it("accepts rising quantities with prices that never rise", () => {
    expect(checkTiers(potatoTiers)).toBeNull();
    expect(
      checkTiers([
        { minQty: 1, unitPriceFen: 100 },
        { minQty: 10, unitPriceFen: 100 },
      ]),
    ).toBeNull();
  });
  it("names each broken rule", () => {
    expect(checkTiers([])).toBe("tiers.empty");
    expect(checkTiers([{ minQty: 0, unitPriceFen: 100 }])).toBe("tiers.quantity_not_whole");
    expect(checkTiers([{ minQty: 1.5, unitPriceFen: 100 }])).toBe("tiers.quantity_not_whole");
    expect(checkTiers([{ minQty: 1, unitPriceFen: 99.9 }])).toBe("tiers.price_not_whole");
    expect(
      checkTiers([
        { minQty: 10, unitPriceFen: 100 },
        { minQty: 10, unitPriceFen: 90 },
      ]),
    ).toBe("tiers.quantity_not_rising");
    expect(
      checkTiers([
        { minQty: 10, unitPriceFen: 100 },
        { minQty: 20, unitPriceFen: 110 },
      ]),
    ).toBe("tiers.price_rising");
  });
});
