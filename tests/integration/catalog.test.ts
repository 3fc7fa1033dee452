import { afterAll, describe, expect, it } from "vitest";
import {
  getCounty,
  getVisibleProduct,
  listCounties,
  listProducts,
  relatedProducts,
} from "~/models/catalog.server";
import { refreshProductSearch } from "../../db/search-index";
import { freshDatabase, SEED_TODAY } from "../setup/database";

const { sqlite } = freshDatabase();
afterAll(() => sqlite.close());

const visibleIds = () =>
  sqlite
    .prepare(
      `select p.id from products p join certifications c on c.id = p.certification_id
       where p.status = 'listed' and c.status = 'approved' and c.valid_until >= ? order by p.id`,
    )
    .pluck()
    .all(SEED_TODAY) as number[];

const all = (filters: Parameters<typeof listProducts>[1]) =>
  listProducts(sqlite, { ...filters, pageSize: 1000 }, SEED_TODAY).items;

describe("listing rule", () => {
  it("lists exactly the listed products with an approved, unexpired certification", () => {
    const listed = all({})
      .map((p) => p.id)
      .sort((a, b) => a - b);
    expect(listed).toEqual(visibleIds());
    const total = sqlite.prepare("select count(*) from products").pluck().get() as number;
    expect(listed.length).toBeLessThan(total); // the demo's expired and pending ones are hidden
  });

  it("delists a product the day after its certification expires, with no job run", () => {
    const [id] = visibleIds();
    const validUntil = sqlite
      .prepare(
        "select c.valid_until from products p join certifications c on c.id = p.certification_id where p.id = ?",
      )
      .pluck()
      .get(id) as string;
    expect(getVisibleProduct(sqlite, id!, validUntil)).not.toBeNull();
    const dayAfter = new Date(Date.parse(`${validUntil}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(getVisibleProduct(sqlite, id!, dayAfter)).toBeNull();
    expect(listProducts(sqlite, { pageSize: 1000 }, dayAfter).items.map((p) => p.id)).not.toContain(
      id,
    );
  });

  it("hides paused and rejected products and unknown ids", () => {
    const [id] = visibleIds();
    sqlite.prepare("update products set status = 'paused' where id = ?").run(id);
    expect(getVisibleProduct(sqlite, id!, SEED_TODAY)).toBeNull();
    sqlite.prepare("update products set status = 'listed' where id = ?").run(id);
    expect(getVisibleProduct(sqlite, id!, SEED_TODAY)).not.toBeNull();
    expect(getVisibleProduct(sqlite, 999_999, SEED_TODAY)).toBeNull();
  });
});

describe("filters", () => {
  it("filters by origin county", () => {
    const items = all({ county: "621126" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.county.code === "621126")).toBe(true);
  });

  it("filters by category", () => {
    const herbs = all({ category: "herbs" });
    const ids = sqlite
      .prepare("select id from products where category_slug = 'herbs'")
      .pluck()
      .all();
    expect(herbs.length).toBeGreaterThan(0);
    expect(herbs.every((p) => ids.includes(p.id))).toBe(true);
  });

  it("filters by price range in fen, inclusive", () => {
    const items = all({ minPriceFen: 1000, maxPriceFen: 5000 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.priceFen >= 1000 && p.priceFen <= 5000)).toBe(true);
    const outside = all({}).filter((p) => p.priceFen < 1000 || p.priceFen > 5000);
    expect(items.length + outside.length).toBe(all({}).length);
  });

  it("combines filters", () => {
    const items = all({ county: "621126", category: "herbs", q: "当归" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.county.code === "621126")).toBe(true);
  });
});

describe("Chinese and English search", () => {
  /** What a substring search must find: visible products whose text contains `word`. */
  const containing = (word: string) =>
    sqlite
      .prepare(
        `select p.id from products p join certifications c on c.id = p.certification_id
         join organisations o on o.id = p.seller_id
         where p.status = 'listed' and c.status = 'approved' and c.valid_until >= @today
           and (p.name_zh like @like or p.description_zh like @like or p.tags like @like
                or p.spec_zh like @like or o.name_zh like @like)
         order by p.id`,
      )
      .pluck()
      .all({ today: SEED_TODAY, like: `%${word}%` }) as number[];

  for (const word of ["当归", "马铃薯", "党参", "参", "苦荞", "岷县当归"]) {
    it(`finds every product containing ${word}`, () => {
      const expected = containing(word);
      expect(expected.length).toBeGreaterThan(0);
      const found = all({ q: word })
        .map((p) => p.id)
        .sort((a, b) => a - b);
      expect(found).toEqual(expect.arrayContaining(expected));
    });
  }

  it("does not match characters that are not adjacent", () => {
    // 当 and 归 both occur in 当归, but "归当" occurs nowhere.
    expect(all({ q: "归当" })).toEqual([]);
  });

  it("finds English words by prefix, case-insensitively", () => {
    const englishText = sqlite
      .prepare(
        `select p.id, p.name_en || ' ' || p.description_en || ' ' || o.name_en as text
         from products p join organisations o on o.id = p.seller_id`,
      )
      .all() as { id: number; text: string }[];
    const visible = new Set(visibleIds());
    const expected = englishText
      .filter((row) => visible.has(row.id) && /\bangel/i.test(row.text))
      .map((row) => row.id);
    expect(expected.length).toBeGreaterThan(0);
    const found = all({ q: "Angel" })
      .map((p) => p.id)
      .sort((a, b) => a - b);
    expect(found).toEqual(expected);
  });

  it("ranks name matches above description matches", () => {
    const [first] = all({ q: "当归" });
    expect(first?.nameZh).toContain("当归");
  });

  it("returns nothing for a query with nothing searchable", () => {
    expect(listProducts(sqlite, { q: "***" }, SEED_TODAY)).toMatchObject({ total: 0, items: [] });
  });

  it("follows product changes once the index is refreshed", () => {
    const [id] = visibleIds();
    sqlite.prepare("update products set name_zh = '测试专用紫皮土豆' where id = ?").run(id);
    refreshProductSearch(sqlite, [id!]);
    expect(all({ q: "紫皮土豆" }).map((p) => p.id)).toEqual([id]);
  });
});

describe("sorting and pagination", () => {
  it("sorts by price both ways and by newest", () => {
    const asc = all({ sort: "price_asc" }).map((p) => p.priceFen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = all({ sort: "price_desc" }).map((p) => p.priceFen);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const newest = all({ sort: "newest" }).map((p) => p.id);
    expect(newest[0]).toBe(Math.max(...newest));
  });

  it("pages without gaps or repeats, and clamps out-of-range pages", () => {
    const everything = all({ sort: "price_asc" }).map((p) => p.id);
    const seen: number[] = [];
    const first = listProducts(sqlite, { sort: "price_asc", pageSize: 7 }, SEED_TODAY);
    for (let page = 1; page <= first.pageCount; page++) {
      seen.push(
        ...listProducts(sqlite, { sort: "price_asc", pageSize: 7, page }, SEED_TODAY).items.map(
          (p) => p.id,
        ),
      );
    }
    expect(seen).toEqual(everything);
    const beyond = listProducts(sqlite, { sort: "price_asc", pageSize: 7, page: 999 }, SEED_TODAY);
    expect(beyond.page).toBe(first.pageCount);
  });
});

describe("product and county pages", () => {
  it("gives a product everything its page shows", () => {
    const [id] = visibleIds();
    const product = getVisibleProduct(sqlite, id!, SEED_TODAY);
    expect(product?.tiers.length).toBeGreaterThan(0);
    expect(product?.images[0]?.src).toMatch(/^\/media\/products\/demo-.+\.[0-9a-f]{16}\.webp$/);
    expect(product!.certification.validUntil >= SEED_TODAY).toBe(true);
    expect(product?.seller.peopleLifted).toBeGreaterThan(0);
  });

  it("shows the pairing of the product's county", () => {
    const minxian = all({ county: "621126" })[0]!;
    const product = getVisibleProduct(sqlite, minxian.id, SEED_TODAY);
    expect(product?.pairedJurisdictions.map((j) => j.nameZh)).toEqual(["鼓楼区"]);
  });

  it("relates products by category or county, never the product itself", () => {
    const [id] = visibleIds();
    const product = getVisibleProduct(sqlite, id!, SEED_TODAY)!;
    const related = relatedProducts(sqlite, product, 4, SEED_TODAY);
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((p) => p.id)).not.toContain(id);
  });

  it("counts each county's visible products and names its partners", () => {
    const counties = listCounties(sqlite, SEED_TODAY);
    expect(counties).toHaveLength(7);
    const total = counties.reduce((sum, c) => sum + c.productCount, 0);
    expect(total).toBe(visibleIds().length);
    expect(getCounty(sqlite, "621121", SEED_TODAY)?.pairedJurisdictions).toEqual([]);
    expect(getCounty(sqlite, "999999", SEED_TODAY)).toBeNull();
  });
});
