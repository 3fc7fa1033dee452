import type Database from "better-sqlite3";
import { indexText } from "../app/domain/search-text";

interface SearchSourceRow {
  id: number;
  nameZh: string;
  nameEn: string;
  tags: string;
  descriptionZh: string;
  descriptionEn: string;
  specZh: string;
  sellerZh: string;
  sellerEn: string;
  countyZh: string;
  countyEn: string;
  categoryZh: string;
  categoryEn: string;
}

const SOURCE_SQL = `
  select p.id, p.name_zh as nameZh, p.name_en as nameEn, p.tags,
         p.description_zh as descriptionZh, p.description_en as descriptionEn, p.spec_zh as specZh,
         o.name_zh as sellerZh, o.name_en as sellerEn,
         c.name_zh as countyZh, c.name_en as countyEn,
         k.name_zh as categoryZh, k.name_en as categoryEn
  from products p
  join organisations o on o.id = p.seller_id
  join origin_counties c on c.code = p.county_code
  join categories k on k.slug = p.category_slug`;

/**
 * Rewrites the full-text index rows of the given products (all when omitted)
 * from their current data. Call it inside the transaction that changes a
 * product, so search never disagrees with the catalog.
 */
export function refreshProductSearch(sqlite: Database.Database, productIds?: number[]): void {
  const rows = productIds
    ? productIds.map((id) => sqlite.prepare(`${SOURCE_SQL} where p.id = ?`).get(id))
    : sqlite.prepare(SOURCE_SQL).all();
  const remove = sqlite.prepare("delete from product_search where rowid = ?");
  const insert = sqlite.prepare(
    "insert into product_search (rowid, name, tags, body) values (?, ?, ?, ?)",
  );
  if (!productIds) sqlite.prepare("delete from product_search").run();
  for (const [i, raw] of rows.entries()) {
    const row = raw as SearchSourceRow | undefined;
    if (productIds) remove.run(productIds[i]);
    if (!row) continue;
    const tags = (JSON.parse(row.tags) as string[]).join(" ");
    insert.run(
      row.id,
      indexText(row.nameZh, row.nameEn),
      indexText(tags),
      indexText(
        row.descriptionZh,
        row.descriptionEn,
        row.specZh,
        row.sellerZh,
        row.sellerEn,
        row.countyZh,
        row.countyEn,
        row.categoryZh,
        row.categoryEn,
      ),
    );
  }
}
