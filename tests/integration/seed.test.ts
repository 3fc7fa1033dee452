import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isValidCreditCode } from "~/domain/credit-code";
import { demoPhotoHash, parseDemoPhotoKey } from "~/domain/demo-photos";
import { checkTiers, type PriceTier } from "~/domain/pricing";
import { hasDemoData, seedDemo, seedReference } from "../../db/seed/seed";
import { freshDatabase, SEED_NOW, SEED_TODAY } from "../setup/database";

const database = freshDatabase();
const { sqlite } = database;
afterAll(() => sqlite.close());

describe("reference data", () => {
  it("has Dingxi's seven counties and Fuzhou's jurisdictions by division code", () => {
    const counties = sqlite.prepare("select code from origin_counties order by code").pluck().all();
    expect(counties).toEqual([
      "621102",
      "621121",
      "621122",
      "621123",
      "621124",
      "621125",
      "621126",
    ]);
    const fuzhou = sqlite.prepare("select code from jurisdictions").pluck().all() as string[];
    expect(fuzhou).toEqual(expect.arrayContaining(["350102", "350103", "350181", "350100"]));
    expect(fuzhou.every((code) => code.startsWith("3501"))).toBe(true);
  });

  it("pairs six counties and leaves 通渭 unpaired", () => {
    const pairs = sqlite
      .prepare("select jurisdiction_code || '-' || county_code from pairings order by 1")
      .pluck()
      .all();
    expect(pairs).toEqual([
      "350102-621126",
      "350103-621102",
      "350104-621124",
      "350111-621123",
      "350112-621125",
      "350122-621122",
    ]);
  });

  it("sets 2020's targets from the source document, and the same for the current year", () => {
    for (const year of [2020, 2026]) {
      const target = sqlite.prepare("select * from campaign_years where year = ?").get(year);
      expect(target).toMatchObject({ city_target_fen: 20_000_000_000, people_target: 32_000 });
      const perJurisdiction = sqlite
        .prepare("select distinct target_fen from jurisdiction_targets where year = ?")
        .pluck()
        .all(year);
      expect(perJurisdiction).toEqual([3_000_000_000]);
      const count = sqlite
        .prepare("select count(*) from jurisdiction_targets where year = ?")
        .pluck()
        .get(year);
      expect(count).toBe(12);
    }
  });

  it("is idempotent and does not overwrite an edited pairing", () => {
    sqlite
      .prepare("insert into pairings (jurisdiction_code, county_code) values ('350121', '621121')")
      .run();
    seedReference(database, SEED_NOW);
    expect(sqlite.prepare("select count(*) from pairings").pluck().get()).toBe(7);
    sqlite.prepare("delete from pairings where jurisdiction_code = '350121'").run();
  });
});

describe("demo data", () => {
  it("is marked as demo and loads only once", () => {
    expect(hasDemoData(database)).toBe(true);
    const nonDemo = sqlite.prepare("select count(*) from products where is_demo = 0").pluck().get();
    expect(nonDemo).toBe(0);
  });

  it("has at least 10 sellers over all 7 counties with valid credit codes", () => {
    const sellers = sqlite
      .prepare(
        "select credit_code as code, county_code as county from organisations where side = 'seller'",
      )
      .all() as { code: string; county: string }[];
    expect(sellers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(sellers.map((s) => s.county)).size).toBe(7);
    for (const seller of sellers) expect(isValidCreditCode(seller.code), seller.code).toBe(true);
  });

  it("lists at least 40 certified products, valid today, in both languages, with real images", () => {
    const visible = sqlite
      .prepare(
        `select p.id, p.name_zh, p.name_en, p.description_zh, p.description_en, i.src, i.thumb_src
         from products p join certifications c on c.id = p.certification_id
         join product_images i on i.product_id = p.id and i.position = 0
         where p.status = 'listed' and c.status = 'approved' and c.valid_until >= ?`,
      )
      .all(SEED_TODAY) as Record<string, string>[];
    expect(visible.length).toBeGreaterThanOrEqual(40);
    for (const product of visible) {
      expect(
        product.name_zh && product.name_en && product.description_zh && product.description_en,
      ).toBeTruthy();
      // Served by a name carrying the drawn picture's content hash.
      for (const src of [product.src, product.thumb_src]) {
        const picture = parseDemoPhotoKey((src ?? "").replace(/^\/media\/products\//, ""));
        expect(picture, src).not.toBeNull();
        const file = join("public/images/demo", picture!.file);
        expect(existsSync(file), src).toBe(true);
        expect(demoPhotoHash(readFileSync(file)), src).toBe(picture!.hash);
      }
    }
  });

  it("gives every product valid tiers whose first tier is its price and minimum order", () => {
    const products = sqlite
      .prepare("select id, price_fen as priceFen, min_order_qty as minQty, stock from products")
      .all() as { id: number; priceFen: number; minQty: number; stock: number }[];
    for (const product of products) {
      const tiers = sqlite
        .prepare(
          "select min_qty as minQty, unit_price_fen as unitPriceFen from price_tiers where product_id = ? order by min_qty",
        )
        .all(product.id) as PriceTier[];
      expect(checkTiers(tiers)).toBeNull();
      expect(tiers[0]).toEqual({ minQty: product.minQty, unitPriceFen: product.priceFen });
      expect(product.stock).toBeGreaterThanOrEqual(product.minQty);
    }
  });

  it("shows the listing rule with an expired and a pending certification", () => {
    const hidden = sqlite
      .prepare(
        `select c.status from products p join certifications c on c.id = p.certification_id
         where not (p.status = 'listed' and c.status = 'approved' and c.valid_until >= ?)`,
      )
      .pluck()
      .all(SEED_TODAY);
    expect(hidden).toEqual(expect.arrayContaining(["approved", "pending"]));
  });

  it("refuses to seed twice", () => {
    expect(() => seedDemo(database, SEED_NOW)).toThrow();
    expect(
      sqlite.prepare("select count(*) from organisations where side = 'seller'").pluck().get(),
    ).toBeGreaterThanOrEqual(10);
  });
});
