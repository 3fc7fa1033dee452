/**
 * The seller's products against a real SQLite file: the status machine with
 * the office's certification review, expiry delisting, price history, stock
 * moves and tenant isolation.
 */
import { and, eq } from "drizzle-orm";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProductInput } from "~/domain/product-forms";
import { getVisibleProduct, listProducts } from "~/models/catalog.server";
import {
  adjustStock,
  attachCertification,
  changeProductStatus,
  createProduct,
  decideCertification,
  getSellerProduct,
  listSellerProducts,
  productHistory,
  recentStockMovements,
  updateProduct,
} from "~/models/products.server";
import { sellerOverview } from "~/models/seller-overview.server";
import {
  certifications,
  organisations,
  outbox,
  productEvents,
  productImages,
  products,
  stockMovements,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

process.env.UPLOAD_DIR = mkdtempSync(join(tmpdir(), "fdx-uploads-"));
const { db, sqlite } = freshDatabase();
afterAll(() => sqlite.close());

const NOW = new Date("2026-11-28T02:00:00Z");
const TODAY = "2026-11-28";

let coop: number; // 岷县 cooperative (coop@example.com)
let other: number; // another seller, in 安定
let sellerUser: number;
let officeUser: number;

beforeAll(() => {
  const orgByCounty = (county: string) =>
    db
      .select()
      .from(organisations)
      .where(and(eq(organisations.side, "seller"), eq(organisations.countyCode, county)))
      .all();
  coop = orgByCounty("621126").find((o) => o.nameZh.includes("当归"))!.id;
  other = orgByCounty("621102")[0]!.id;
  sellerUser = db.select().from(users).where(eq(users.email, "coop@example.com")).get()!.id;
  officeUser = db.select().from(users).where(eq(users.email, "office@example.com")).get()!.id;
});

const seller = () => ({ userId: sellerUser, orgId: coop, ip: "203.0.113.5" });
const office = () => ({ userId: officeUser, orgId: null, ip: "203.0.113.9" });

function input(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    nameZh: "岷县当归切片礼盒",
    nameEn: "Minxian angelica slices gift box",
    descriptionZh: "精选岷县当归，切片包装。",
    descriptionEn: "",
    categorySlug: "herbs",
    unitCode: "giftbox",
    countyCode: "621126",
    tiers: [
      { minQty: 20, unitPriceFen: 16800 },
      { minQty: 200, unitPriceFen: 15800 },
    ],
    stock: 300,
    monthlyCapacity: 1000,
    specZh: "250克/盒",
    specEn: "",
    shelfLifeDays: 540,
    storageZh: "阴凉干燥处",
    storageEn: "",
    tags: ["岷县当归"],
    ...overrides,
  };
}

function newProduct(overrides: Partial<ProductInput> = {}): number {
  const result = createProduct(
    db,
    { sellerId: coop, product: input(overrides), actor: seller() },
    NOW,
  );
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`);
  return result.id;
}

function addPhoto(productId: number) {
  db.insert(productImages)
    .values({
      productId,
      position: 0,
      src: "/images/demo/x.webp",
      thumbSrc: "/images/demo/x-400.webp",
      width: 800,
      height: 600,
    })
    .run();
}

function attach(productId: number, validUntil = "2027-10-31") {
  const result = attachCertification(
    db,
    {
      sellerId: coop,
      productId,
      certification: {
        authority: "岷县扶贫开发领导小组办公室",
        level: "county",
        number: `MX-${productId}-${validUntil}`,
        issuedOn: "2026-11-01",
        validUntil,
        valueFen: 50_000_000,
        peopleLifted: 30,
      },
      document: {
        key: "00000000-0000-4000-8000-000000000000.pdf",
        type: "application/pdf",
        sha256: "0".repeat(64),
      },
      actor: seller(),
    },
    NOW,
  );
  if (!result.ok) throw new Error(`attach failed: ${JSON.stringify(result)}`);
  return result.id;
}

function listedProduct(overrides: Partial<ProductInput> = {}, validUntil = "2027-10-31") {
  const id = newProduct(overrides);
  addPhoto(id);
  const certId = attach(id, validUntil);
  expect(
    changeProductStatus(
      db,
      { sellerId: coop, productId: id, action: "submit", reason: "", actor: seller() },
      NOW,
    ),
  ).toMatchObject({ ok: true });
  expect(
    decideCertification(
      db,
      { certificationId: certId, intent: "approve", reason: "", actor: office() },
      NOW,
    ),
  ).toMatchObject({ ok: true, status: "listed" });
  return { id, certId };
}

const productRow = (id: number) => db.select().from(products).where(eq(products.id, id)).get()!;
const searchIds = (q: string) =>
  listProducts(sqlite, { q, pageSize: 100 }, TODAY).items.map((p) => p.id);

describe("a new product", () => {
  it("starts as a hidden draft with its tiers, opening stock and history", () => {
    const id = newProduct();
    const product = getSellerProduct(db, coop, id)!;
    expect(product.status).toBe("draft");
    expect(product.priceFen).toBe(16800);
    expect(product.minOrderQty).toBe(20);
    expect(product.tiers).toEqual(input().tiers);
    expect(recentStockMovements(db, id).map((m) => [m.kind, m.delta, m.stockAfter])).toEqual([
      ["initial", 300, 300],
    ]);
    expect(productHistory(db, id).map((e) => e.kind)).toEqual(["created"]);
    expect(getVisibleProduct(sqlite, id, TODAY)).toBeNull();
    expect(searchIds("切片礼盒")).not.toContain(id);
  });

  it("must come from the seller's own county and name a real category", () => {
    const result = createProduct(
      db,
      {
        sellerId: coop,
        product: input({ countyCode: "621102", categorySlug: "nope" }),
        actor: seller(),
      },
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { countyCode: ["forms.countyNotYours"], categorySlug: ["forms.choose"] },
    });
  });
});

describe("submitting for review", () => {
  it("needs a photo first, then a certification", () => {
    const id = newProduct();
    const submit = () =>
      changeProductStatus(
        db,
        { sellerId: coop, productId: id, action: "submit", reason: "", actor: seller() },
        NOW,
      );
    expect(submit()).toEqual({ ok: false, reason: "photo_required" });
    addPhoto(id);
    expect(submit()).toEqual({ ok: false, reason: "certification_required" });
    attach(id);
    expect(submit()).toEqual({ ok: true, status: "submitted" });
    expect(productRow(id).submittedAt?.getTime()).toBe(NOW.getTime());
  });

  it("locks the product while the office reviews it, until the seller withdraws it", () => {
    const id = newProduct();
    addPhoto(id);
    attach(id);
    changeProductStatus(
      db,
      { sellerId: coop, productId: id, action: "submit", reason: "", actor: seller() },
      NOW,
    );
    expect(
      updateProduct(
        db,
        { sellerId: coop, productId: id, product: input({ nameEn: "x" }), actor: seller() },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "under_review" });
    expect(
      changeProductStatus(
        db,
        { sellerId: coop, productId: id, action: "withdraw", reason: "", actor: seller() },
        NOW,
      ),
    ).toEqual({ ok: true, status: "draft" });
    expect(
      updateProduct(
        db,
        { sellerId: coop, productId: id, product: input({ nameEn: "x" }), actor: seller() },
        NOW,
      ),
    ).toMatchObject({ ok: true });
  });

  it("replaces a pending certification with a newer one (the old one is withdrawn)", () => {
    const id = newProduct();
    const first = attach(id, "2027-06-30");
    const second = attach(id, "2027-12-31");
    const rows = db.select().from(certifications).where(eq(certifications.productId, id)).all();
    expect(rows.find((c) => c.id === first)?.status).toBe("withdrawn");
    expect(rows.find((c) => c.id === second)?.status).toBe("pending");
  });
});

describe("the office's decision", () => {
  it("approving lists the product, so buyers find it in the catalog and search", () => {
    const { id, certId } = listedProduct({ nameZh: "岷县当归头礼盒" });
    const row = productRow(id);
    expect(row.status).toBe("listed");
    expect(row.certificationId).toBe(certId);
    expect(row.certifiedUntil).toBe("2027-10-31");
    expect(getVisibleProduct(sqlite, id, TODAY)?.nameZh).toBe("岷县当归头礼盒");
    expect(searchIds("当归头")).toContain(id);
  });

  it("rejecting returns the product to the seller with the reason, and tells them", () => {
    const id = newProduct({ nameZh: "岷县当归须" });
    addPhoto(id);
    const certId = attach(id);
    changeProductStatus(
      db,
      { sellerId: coop, productId: id, action: "submit", reason: "", actor: seller() },
      NOW,
    );
    const mailBefore = db.select().from(outbox).all().length;
    const result = decideCertification(
      db,
      {
        certificationId: certId,
        intent: "reject",
        reason: "认定文件模糊，请重新扫描",
        actor: office(),
      },
      NOW,
    );
    expect(result).toEqual({ ok: true, productId: id, status: "rejected" });
    expect(productRow(id)).toMatchObject({
      status: "rejected",
      statusReason: "认定文件模糊，请重新扫描",
      certifiedUntil: null,
    });
    expect(getVisibleProduct(sqlite, id, TODAY)).toBeNull();
    const mail = db.select().from(outbox).all().slice(mailBefore);
    expect(mail.map((m) => m.toEmail)).toContain("coop@example.com");
    expect(mail[0]?.body).toContain("认定文件模糊，请重新扫描");
    // A decided certification cannot be decided again.
    expect(
      decideCertification(
        db,
        { certificationId: certId, intent: "approve", reason: "", actor: office() },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "not_reviewable" });
    // The seller sees the rejection among what needs attention.
    const attention = sellerOverview(db, coop, TODAY, 2026).attention;
    expect(attention).toContainEqual(
      expect.objectContaining({
        productId: id,
        kind: "rejected",
        reason: "认定文件模糊，请重新扫描",
      }),
    );
  });

  it("does not review a certification for a product the seller has not submitted", () => {
    const id = newProduct();
    const certId = attach(id);
    expect(
      decideCertification(
        db,
        { certificationId: certId, intent: "approve", reason: "", actor: office() },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "not_reviewable" });
  });

  it("keeps a listed product on sale during a renewal, then switches to the new certificate", () => {
    const { id, certId } = listedProduct({}, "2026-12-20");
    const renewal = attach(id, "2027-12-20");
    expect(productRow(id)).toMatchObject({
      status: "listed",
      certificationId: certId,
      certifiedUntil: "2026-12-20",
    });
    expect(
      decideCertification(
        db,
        { certificationId: renewal, intent: "approve", reason: "", actor: office() },
        NOW,
      ),
    ).toEqual({ ok: true, productId: id, status: "listed" });
    expect(productRow(id)).toMatchObject({
      status: "listed",
      certificationId: renewal,
      certifiedUntil: "2027-12-20",
    });
    const history = getSellerProduct(db, coop, id)!.certifications.map((c) => [c.id, c.status]);
    expect(history).toEqual([
      [renewal, "approved"],
      [certId, "approved"],
    ]);
  });
});

describe("expiry", () => {
  it("hides a listed product the day after its certification ends, with no job", () => {
    const { id } = listedProduct({ nameZh: "岷县当归粉" }, "2026-12-10");
    expect(getVisibleProduct(sqlite, id, "2026-12-10")).not.toBeNull();
    expect(getVisibleProduct(sqlite, id, "2026-12-11")).toBeNull();
    expect(
      listProducts(sqlite, { q: "当归粉" }, "2026-12-11").items.map((p) => p.id),
    ).not.toContain(id);
    expect(productRow(id).status).toBe("listed");
  });

  it("warns the seller 30 days ahead, then says it has expired", () => {
    const { id } = listedProduct({}, "2026-12-20");
    const kinds = (today: string) =>
      sellerOverview(db, coop, today, 2026)
        .attention.filter((a) => a.productId === id)
        .map((a) => a.kind);
    expect(kinds("2026-11-19")).toEqual([]);
    expect(kinds("2026-11-20")).toEqual(["expiring"]);
    expect(kinds("2026-12-21")).toEqual(["expired"]);
  });

  it("will not resume a paused product whose certification has expired", () => {
    const { id } = listedProduct({}, "2026-12-01");
    changeProductStatus(
      db,
      { sellerId: coop, productId: id, action: "pause", reason: "", actor: seller() },
      NOW,
    );
    const later = new Date("2026-12-05T02:00:00Z");
    expect(
      changeProductStatus(
        db,
        { sellerId: coop, productId: id, action: "resume", reason: "", actor: seller() },
        later,
      ),
    ).toEqual({ ok: false, reason: "certification_expired" });
  });

  it("refuses to approve a certification that expired while it waited", () => {
    const id = newProduct();
    addPhoto(id);
    const certId = attach(id, "2026-12-01");
    changeProductStatus(
      db,
      { sellerId: coop, productId: id, action: "submit", reason: "", actor: seller() },
      NOW,
    );
    const later = new Date("2026-12-03T02:00:00Z");
    expect(
      decideCertification(
        db,
        { certificationId: certId, intent: "approve", reason: "", actor: office() },
        later,
      ),
    ).toEqual({ ok: false, reason: "certification_expired" });
    expect(productRow(id).status).toBe("submitted");
  });
});

describe("a listed product", () => {
  it("keeps its price history and the old tiers when the price changes", () => {
    const { id } = listedProduct();
    const result = updateProduct(
      db,
      {
        sellerId: coop,
        productId: id,
        product: input({ tiers: [{ minQty: 20, unitPriceFen: 15900 }] }),
        actor: seller(),
      },
      NOW,
    );
    expect(result).toEqual({ ok: true, changed: ["priceFen", "tiers"] });
    expect(productRow(id).priceFen).toBe(15900);
    const event = db
      .select()
      .from(productEvents)
      .where(and(eq(productEvents.productId, id), eq(productEvents.kind, "price_changed")))
      .get();
    expect(event?.detail).toMatchObject({
      from: input().tiers,
      to: [{ minQty: 20, unitPriceFen: 15900 }],
    });
  });

  it("cannot change what it is (name, category, unit, county) once listed", () => {
    const { id } = listedProduct();
    const result = updateProduct(
      db,
      {
        sellerId: coop,
        productId: id,
        product: input({ nameZh: "别的产品", unitCode: "kg" }),
        actor: seller(),
      },
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { nameZh: ["forms.identityLocked"], unitCode: ["forms.identityLocked"] },
    });
    expect(productRow(id).nameZh).toBe(input().nameZh);
  });

  it("pauses and resumes out of the catalog and back, and can be delisted", () => {
    const { id } = listedProduct();
    const act = (action: "pause" | "resume" | "delist", reason = "") =>
      changeProductStatus(
        db,
        { sellerId: coop, productId: id, action, reason, actor: seller() },
        NOW,
      );
    expect(act("pause")).toEqual({ ok: true, status: "paused" });
    expect(getVisibleProduct(sqlite, id, TODAY)).toBeNull();
    expect(act("resume")).toEqual({ ok: true, status: "listed" });
    expect(getVisibleProduct(sqlite, id, TODAY)).not.toBeNull();
    expect(act("delist", "停产")).toEqual({ ok: true, status: "delisted" });
    expect(productRow(id).statusReason).toBe("停产");
    expect(act("resume")).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("goes back to review with its certification still in force when resubmitted after delisting", () => {
    const { id } = listedProduct();
    changeProductStatus(
      db,
      { sellerId: coop, productId: id, action: "delist", reason: "换包装", actor: seller() },
      NOW,
    );
    expect(
      changeProductStatus(
        db,
        { sellerId: coop, productId: id, action: "submit", reason: "", actor: seller() },
        NOW,
      ),
    ).toEqual({ ok: true, status: "submitted" });
    const pending = db
      .select()
      .from(certifications)
      .where(and(eq(certifications.productId, id), eq(certifications.status, "pending")))
      .all();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.validUntil).toBe("2027-10-31");
  });
});

describe("stock", () => {
  it("moves by hand with a reason, never below zero", () => {
    const id = newProduct({ stock: 10 });
    expect(
      adjustStock(
        db,
        { sellerId: coop, productId: id, delta: -4, reason: "线下销售", actor: seller() },
        NOW,
      ),
    ).toEqual({ ok: true, stock: 6 });
    expect(
      adjustStock(
        db,
        { sellerId: coop, productId: id, delta: -7, reason: "损耗", actor: seller() },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "negative_stock" });
    expect(productRow(id).stock).toBe(6);
    const moves = db.select().from(stockMovements).where(eq(stockMovements.productId, id)).all();
    expect(moves.map((m) => [m.kind, m.delta, m.stockAfter, m.reason])).toEqual([
      ["initial", 10, 10, ""],
      ["manual", -4, 6, "线下销售"],
    ]);
  });
});

describe("tenant isolation", () => {
  it("another seller can neither see nor touch this seller's product", () => {
    const id = newProduct({ stock: 50 });
    const before = JSON.stringify(productRow(id));
    const intruder = { userId: sellerUser, orgId: other, ip: "198.51.100.1" };
    expect(getSellerProduct(db, other, id)).toBeNull();
    expect(listSellerProducts(db, other).map((p) => p.id)).not.toContain(id);
    expect(
      updateProduct(
        db,
        {
          sellerId: other,
          productId: id,
          product: input({ nameZh: "被改", countyCode: "621102" }),
          actor: intruder,
        },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(
      adjustStock(
        db,
        { sellerId: other, productId: id, delta: -50, reason: "x", actor: intruder },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(
      changeProductStatus(
        db,
        { sellerId: other, productId: id, action: "submit", reason: "", actor: intruder },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(
      attachCertification(
        db,
        {
          sellerId: other,
          productId: id,
          certification: {
            authority: "x",
            level: "county",
            number: "x",
            issuedOn: "2026-01-01",
            validUntil: "2027-01-01",
            valueFen: 1,
            peopleLifted: 1,
          },
          document: { key: "k", type: "application/pdf", sha256: "0" },
          actor: intruder,
        },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(JSON.stringify(productRow(id))).toBe(before);
    expect(db.select().from(certifications).where(eq(certifications.productId, id)).all()).toEqual(
      [],
    );
  });
});
