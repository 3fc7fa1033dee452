import type { OpenDatabase } from "../../db/client";
import { refreshProductSearch } from "../../db/search-index";
import { seedDemo, seedReference } from "../../db/seed/seed";

/**
 * Fills a scratch database with `total` products: the demo, then copies of its
 * listed products with varied names, prices and dates, each with tiers, an
 * approved certification valid today and an image, as the catalog would hold.
 */
export function fillCatalog(database: OpenDatabase, total: number, now = new Date()): number {
  const { sqlite } = database;
  seedReference(database, now);
  seedDemo(database, now);
  const templates = sqlite
    .prepare(
      `select p.*, c.authority, c.level, c.number, c.issued_on, c.valid_until, c.value_fen,
              c.people_lifted as cert_people, i.src, i.thumb_src
       from products p join certifications c on c.id = p.certification_id
       join product_images i on i.product_id = p.id and i.position = 0
       where p.status = 'listed' and c.valid_until >= date('now')`,
    )
    .all() as Record<string, string | number>[];
  const existing = sqlite.prepare("select count(*) from products").pluck().get() as number;
  const insertProduct = sqlite.prepare(
    `insert into products (seller_id, county_code, category_slug, unit_code, name_zh, name_en,
       description_zh, description_en, spec_zh, spec_en, shelf_life_days, storage_zh, storage_en,
       tags, price_fen, min_order_qty, stock, status, featured, is_demo, created_at, listed_at)
     values (@seller_id, @county_code, @category_slug, @unit_code, @name_zh, @name_en,
       @description_zh, @description_en, @spec_zh, @spec_en, @shelf_life_days, @storage_zh,
       @storage_en, @tags, @price_fen, @min_order_qty, @stock, 'listed', 0, 1, @created_at,
       @created_at)`,
  );
  const insertTier = sqlite.prepare(
    "insert into price_tiers (product_id, min_qty, unit_price_fen) values (?, ?, ?)",
  );
  const insertCert = sqlite.prepare(
    `insert into certifications (product_id, authority, level, number, issued_on, valid_until,
       value_fen, people_lifted, status, reviewed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?)`,
  );
  const linkCert = sqlite.prepare("update products set certification_id = ? where id = ?");
  const insertImage = sqlite.prepare(
    `insert into product_images (product_id, position, src, thumb_src, width, height)
     values (?, 0, ?, ?, 800, 600)`,
  );
  sqlite.transaction(() => {
    for (let n = existing; n < total; n++) {
      const t = templates[n % templates.length]!;
      const price = Math.max(
        1,
        Math.round((t.price_fen as number) * (0.8 + ((n * 37) % 41) / 100)),
      );
      const minQty = t.min_order_qty as number;
      const createdAt = now.getTime() - n * 60_000;
      const id = insertProduct.run({
        ...t,
        name_zh: `${t.name_zh} 批次${n}`,
        name_en: `${t.name_en} lot ${n}`,
        price_fen: price,
        min_order_qty: minQty,
        stock: minQty * 50,
        created_at: createdAt,
      }).lastInsertRowid as number;
      insertTier.run(id, minQty, price);
      insertTier.run(id, minQty * 10, Math.max(1, Math.floor(price * 0.92)));
      const cert = insertCert.run(
        id,
        t.authority,
        t.level,
        t.number,
        t.issued_on,
        t.valid_until,
        t.value_fen,
        t.cert_people,
        createdAt,
      ).lastInsertRowid as number;
      linkCert.run(cert, id);
      insertImage.run(id, t.src, t.thumb_src);
    }
  })();
  refreshProductSearch(sqlite);
  return sqlite.prepare("select count(*) from products").pluck().get() as number;
}
