/**
 * The public catalog. The listing rule lives here, once: a product is visible
 * and orderable only when it is listed and its certification in force is
 * approved and not expired on today's Shanghai date (so an expired
 * certification delists a product without any scheduled job).
 */
import type Database from "better-sqlite3";
import type { CatalogSortValue } from "~/domain/catalog-sorts";
import { shanghaiDate } from "~/domain/dates";
import type { PriceTier } from "~/domain/pricing";
import { buildMatchQuery } from "~/domain/search-text";
import { statement } from "./statements.server";

export const PAGE_SIZE = 48;
export type CatalogSort = CatalogSortValue;

export interface CatalogFilters {
  county?: string;
  category?: string;
  q?: string;
  minPriceFen?: number;
  maxPriceFen?: number;
  sort?: CatalogSort;
  page?: number;
  pageSize?: number;
}

export interface Named {
  nameZh: string;
  nameEn: string;
}

export interface ProductCard extends Named {
  id: number;
  priceFen: number;
  lowestPriceFen: number;
  minOrderQty: number;
  unit: Named & { code: string };
  county: Named & { code: string };
  sellerNameZh: string;
  sellerNameEn: string;
  thumbSrc: string | null;
}

export interface CatalogPage {
  items: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/**
 * The listing rule. `certified_until` is the approved certification's
 * valid-until date, kept by triggers; null when none is approved.
 */
const VISIBLE = `p.status = 'listed' and p.certified_until >= @today`;

const CARD_COLUMNS = `
  p.id, p.name_zh as nameZh, p.name_en as nameEn, p.price_fen as priceFen,
  p.min_order_qty as minOrderQty,
  (select min(t.unit_price_fen) from price_tiers t where t.product_id = p.id) as lowestPriceFen,
  u.code as unitCode, u.name_zh as unitZh, u.name_en as unitEn,
  k.code as countyCode, k.name_zh as countyZh, k.name_en as countyEn,
  o.name_zh as sellerNameZh, o.name_en as sellerNameEn,
  (select i.thumb_src from product_images i where i.product_id = p.id
     order by i.position limit 1) as thumbSrc`;

const CARD_JOINS = `
  join units u on u.code = p.unit_code
  join origin_counties k on k.code = p.county_code
  join organisations o on o.id = p.seller_id`;

interface CardRow {
  id: number;
  nameZh: string;
  nameEn: string;
  priceFen: number;
  lowestPriceFen: number | null;
  minOrderQty: number;
  unitCode: string;
  unitZh: string;
  unitEn: string;
  countyCode: string;
  countyZh: string;
  countyEn: string;
  sellerNameZh: string;
  sellerNameEn: string;
  thumbSrc: string | null;
}

function toCard(row: CardRow): ProductCard {
  return {
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    priceFen: row.priceFen,
    lowestPriceFen: row.lowestPriceFen ?? row.priceFen,
    minOrderQty: row.minOrderQty,
    unit: { code: row.unitCode, nameZh: row.unitZh, nameEn: row.unitEn },
    county: { code: row.countyCode, nameZh: row.countyZh, nameEn: row.countyEn },
    sellerNameZh: row.sellerNameZh,
    sellerNameEn: row.sellerNameEn,
    thumbSrc: row.thumbSrc,
  };
}

const ORDER_BY: Record<CatalogSort, string> = {
  relevance: "p.featured desc, p.id desc",
  price_asc: "p.price_fen asc, p.id asc",
  price_desc: "p.price_fen desc, p.id desc",
  newest: "p.created_at desc, p.id desc",
};

/**
 * One page of visible products matching the filters. Relevance means full-text
 * rank when there is a query, else featured first. `today` is injectable for
 * tests; it defaults to the real Shanghai date.
 */
export function listProducts(
  sqlite: Database.Database,
  filters: CatalogFilters,
  today: string = shanghaiDate(),
): CatalogPage {
  const pageSize = filters.pageSize ?? PAGE_SIZE;
  const where = [VISIBLE];
  const params: Record<string, string | number> = { today };
  let from = "products p";
  let order = ORDER_BY[filters.sort ?? "relevance"];

  if (filters.county) {
    where.push("p.county_code = @county");
    params.county = filters.county;
  }
  if (filters.category) {
    where.push("p.category_slug = @category");
    params.category = filters.category;
  }
  if (filters.minPriceFen !== undefined) {
    where.push("p.price_fen >= @minPrice");
    params.minPrice = filters.minPriceFen;
  }
  if (filters.maxPriceFen !== undefined) {
    where.push("p.price_fen <= @maxPrice");
    params.maxPrice = filters.maxPriceFen;
  }
  if (filters.q !== undefined && filters.q.trim() !== "") {
    const match = buildMatchQuery(filters.q);
    if (!match) return { items: [], total: 0, page: 1, pageCount: 0, pageSize };
    // CROSS JOIN makes SQLite run the full-text match first, then look products up.
    from = "product_search s cross join products p on p.id = s.rowid";
    where.push("product_search match @match");
    params.match = match;
    if ((filters.sort ?? "relevance") === "relevance") {
      order = "p.rank, p.id desc";
    }
  }

  const whereSql = where.join(" and ");
  const offset = (page: number) => (page - 1) * pageSize;
  const clamp = (total: number) =>
    Math.min(Math.max(1, filters.page ?? 1), Math.max(1, Math.ceil(total / pageSize)));

  if (params.match !== undefined) {
    // One full-text scan gives both the page and the total (a window count).
    const pageOf = (page: number) =>
      statement(
        sqlite,
        `select p.id, count(*) over () as total from (
           select p.id, p.price_fen, p.created_at, p.featured,
                  bm25(product_search, 10.0, 6.0, 1.0) as rank
           from ${from} where ${whereSql}) p
         order by ${order} limit @limit offset @offset`,
      ).all({ ...params, limit: pageSize, offset: offset(page) }) as {
        id: number;
        total: number;
      }[];
    let page = Math.max(1, filters.page ?? 1);
    let rows = pageOf(page);
    if (rows.length === 0 && page > 1) {
      // Past the last page: count, then show the last page.
      const total = (
        statement(sqlite, `select count(*) as n from ${from} where ${whereSql}`).get(params) as {
          n: number;
        }
      ).n;
      page = clamp(total);
      rows = total > 0 ? pageOf(page) : [];
    }
    const total = rows[0]?.total ?? 0;
    const ids = rows.map((row) => row.id);
    return {
      items: cardsByIds(sqlite, ids),
      total,
      page,
      pageCount: Math.ceil(total / pageSize),
      pageSize,
    };
  }

  const total = (
    statement(sqlite, `select count(*) as n from ${from} where ${whereSql}`).get(params) as {
      n: number;
    }
  ).n;
  const page = clamp(total);
  // Two steps: pick the page's ids from an index in sort order, then read only
  // those cards, so per-card subqueries run 48 times rather than once per product.
  // Without a county or category filter nearly every listed product is
  // certified, so "+" keeps SQLite from preferring the date index over the
  // one that gives the order and lets it stop after one page.
  const unfiltered = !params.county && !params.category;
  const orderedWhere = unfiltered
    ? whereSql.replace("p.certified_until >=", "+p.certified_until >=")
    : whereSql;
  const ids = statement(
    sqlite,
    `select p.id from ${from} where ${orderedWhere} order by ${order} limit @limit offset @offset`,
  )
    .pluck()
    .all({ ...params, limit: pageSize, offset: offset(page) }) as number[];
  return {
    items: cardsByIds(sqlite, ids),
    total,
    page,
    pageCount: Math.ceil(total / pageSize),
    pageSize,
  };
}

/** Cards for the given ids, in the order given. */
function cardsByIds(sqlite: Database.Database, ids: number[]): ProductCard[] {
  if (ids.length === 0) return [];
  const rows = statement(
    sqlite,
    `select ${CARD_COLUMNS} from products p ${CARD_JOINS}
     where p.id in (select value from json_each(?))`,
  ).all(JSON.stringify(ids)) as CardRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toCard(row)] : [];
  });
}

/** Featured visible products for the home page, newest first. */
export function featuredProducts(
  sqlite: Database.Database,
  limit: number,
  today: string = shanghaiDate(),
): ProductCard[] {
  const rows = statement(
    sqlite,
    `select ${CARD_COLUMNS} from products p ${CARD_JOINS}
     where ${VISIBLE} and p.featured = 1 order by p.created_at desc, p.id desc limit @limit`,
  ).all({ today, limit }) as CardRow[];
  return rows.map(toCard);
}

export interface ProductDetail extends ProductCard {
  descriptionZh: string;
  descriptionEn: string;
  specZh: string;
  specEn: string;
  shelfLifeDays: number;
  storageZh: string;
  storageEn: string;
  tags: string[];
  stock: number;
  category: Named & { slug: string };
  tiers: PriceTier[];
  images: { src: string; width: number; height: number }[];
  seller: Named & {
    id: number;
    type: string;
    descriptionZh: string;
    descriptionEn: string;
    peopleLifted: number;
    foundedYear: number | null;
  };
  certification: {
    authority: string;
    level: "county" | "city" | "province" | "national";
    number: string;
    issuedOn: string;
    validUntil: string;
    valueFen: number;
    peopleLifted: number;
  };
  pairedJurisdictions: (Named & { code: string })[];
}

/** A visible product with everything its page shows, or null (unknown, hidden or expired). */
export function getVisibleProduct(
  sqlite: Database.Database,
  id: number,
  today: string = shanghaiDate(),
): ProductDetail | null {
  const row = statement(
    sqlite,
    `select ${CARD_COLUMNS}, c.authority, c.level, c.number, c.issued_on as issuedOn,
       c.valid_until as validUntil, c.value_fen as valueFen, c.people_lifted as certPeopleLifted,
       p.description_zh as descriptionZh, p.description_en as descriptionEn,
       p.spec_zh as specZh, p.spec_en as specEn, p.shelf_life_days as shelfLifeDays,
       p.storage_zh as storageZh, p.storage_en as storageEn, p.tags, p.stock,
       p.category_slug as categorySlug, g.name_zh as categoryZh, g.name_en as categoryEn,
       o.id as sellerId, o.type as sellerType, o.name_zh as sellerZh, o.name_en as sellerEn,
       o.description_zh as sellerDescriptionZh, o.description_en as sellerDescriptionEn,
       o.people_lifted as sellerPeopleLifted, o.founded_year as sellerFoundedYear
     from products p ${CARD_JOINS} join categories g on g.slug = p.category_slug
     join certifications c on c.id = p.certification_id
     where ${VISIBLE} and p.id = @id`,
  ).get({ today, id }) as
    | (CardRow &
        Pick<
          ProductDetail,
          | "descriptionZh"
          | "descriptionEn"
          | "specZh"
          | "specEn"
          | "shelfLifeDays"
          | "storageZh"
          | "storageEn"
          | "stock"
        > &
        Omit<ProductDetail["certification"], "peopleLifted"> & {
          tags: string;
          categorySlug: string;
          categoryZh: string;
          categoryEn: string;
          sellerId: number;
          sellerType: string;
          sellerZh: string;
          sellerEn: string;
          sellerDescriptionZh: string;
          sellerDescriptionEn: string;
          sellerPeopleLifted: number;
          sellerFoundedYear: number | null;
          certPeopleLifted: number;
        })
    | undefined;
  if (!row) return null;
  const tiers = statement(
    sqlite,
    `select min_qty as minQty, unit_price_fen as unitPriceFen from price_tiers
     where product_id = ? order by min_qty`,
  ).all(id) as PriceTier[];
  const images = statement(
    sqlite,
    "select src, width, height from product_images where product_id = ? order by position",
  ).all(id) as ProductDetail["images"];
  return {
    ...toCard(row),
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    specZh: row.specZh,
    specEn: row.specEn,
    shelfLifeDays: row.shelfLifeDays,
    storageZh: row.storageZh,
    storageEn: row.storageEn,
    tags: JSON.parse(row.tags) as string[],
    stock: row.stock,
    category: { slug: row.categorySlug, nameZh: row.categoryZh, nameEn: row.categoryEn },
    tiers,
    images,
    seller: {
      id: row.sellerId,
      type: row.sellerType,
      nameZh: row.sellerZh,
      nameEn: row.sellerEn,
      descriptionZh: row.sellerDescriptionZh,
      descriptionEn: row.sellerDescriptionEn,
      peopleLifted: row.sellerPeopleLifted,
      foundedYear: row.sellerFoundedYear,
    },
    certification: {
      authority: row.authority,
      level: row.level,
      number: row.number,
      issuedOn: row.issuedOn,
      validUntil: row.validUntil,
      valueFen: row.valueFen,
      peopleLifted: row.certPeopleLifted,
    },
    pairedJurisdictions: pairedJurisdictions(sqlite, row.countyCode),
  };
}

/** Fuzhou jurisdictions paired with a Dingxi county (several may help one county). */
export function pairedJurisdictions(
  sqlite: Database.Database,
  countyCode: string,
): (Named & { code: string })[] {
  return statement(
    sqlite,
    `select j.code, j.name_zh as nameZh, j.name_en as nameEn from pairings x
     join jurisdictions j on j.code = x.jurisdiction_code
     where x.county_code = ? order by j.sort_order`,
  ).all(countyCode) as (Named & { code: string })[];
}

/** Other visible products: same category first, then the same county. */
export function relatedProducts(
  sqlite: Database.Database,
  product: { id: number; category: { slug: string }; county: { code: string } },
  limit = 4,
  today: string = shanghaiDate(),
): ProductCard[] {
  const rows = statement(
    sqlite,
    `select ${CARD_COLUMNS} from products p ${CARD_JOINS}
     where ${VISIBLE} and p.id <> @id
       and (p.category_slug = @category or p.county_code = @county)
     order by (p.category_slug = @category) desc, p.featured desc, p.id desc limit @limit`,
  ).all({
    today,
    id: product.id,
    category: product.category.slug,
    county: product.county.code,
    limit,
  }) as CardRow[];
  return rows.map(toCard);
}

export interface CountySummary extends Named {
  code: string;
  summaryZh: string;
  summaryEn: string;
  productCount: number;
  pairedJurisdictions: (Named & { code: string })[];
}

/** Dingxi's counties in official order, with visible product counts and partners. */
export function listCounties(
  sqlite: Database.Database,
  today: string = shanghaiDate(),
): CountySummary[] {
  const rows = statement(
    sqlite,
    `select k.code, k.name_zh as nameZh, k.name_en as nameEn,
       k.summary_zh as summaryZh, k.summary_en as summaryEn,
       (select count(*) from products p
          where p.county_code = k.code and ${VISIBLE}) as productCount
     from origin_counties k order by k.sort_order`,
  ).all({ today }) as Omit<CountySummary, "pairedJurisdictions">[];
  return rows.map((row) => ({
    ...row,
    pairedJurisdictions: pairedJurisdictions(sqlite, row.code),
  }));
}

export function getCounty(
  sqlite: Database.Database,
  code: string,
  today: string = shanghaiDate(),
): CountySummary | null {
  return listCounties(sqlite, today).find((county) => county.code === code) ?? null;
}

/** Counties for a filter: names only, no counting. */
export function listCountyNames(sqlite: Database.Database): (Named & { code: string })[] {
  return statement(
    sqlite,
    "select code, name_zh as nameZh, name_en as nameEn from origin_counties order by sort_order",
  ).all() as (Named & { code: string })[];
}

export function listCategories(sqlite: Database.Database): (Named & { slug: string })[] {
  return statement(
    sqlite,
    "select slug, name_zh as nameZh, name_en as nameEn from categories order by sort_order",
  ).all() as (Named & { slug: string })[];
}
