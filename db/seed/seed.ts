import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { like, or, sql } from "drizzle-orm";
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import { addMonths, shanghaiDate, shanghaiYear } from "../../app/domain/dates";
import {
  DEMO_PHOTO_DIR,
  demoPhotoSrc,
  parseDemoPhotoKey,
  PRODUCT_MEDIA_PREFIX,
} from "../../app/domain/demo-photos";
import type { OpenDatabase } from "../client";
import * as schema from "../schema";
import { refreshProductSearch } from "../search-index";
import { hashPasswordSync } from "../../app/domain/passwords";
import { DEMO_PASSWORD, demoAccounts, demoCreditCode, demoOrganisations } from "./demo-accounts";
import { seedDemoLedger } from "./demo-ledger";
import { demoCooperatives, demoProducts } from "./demo-data";
import {
  categoryRows,
  jurisdictionRows,
  originCountyRows,
  pairingRows,
  TARGETS_2020,
  targetedJurisdictionCodes,
  unitRows,
} from "./reference";

/**
 * Reference data is upserted on every run (it is fact, not state); pairings and
 * targets are only inserted when missing, because the office edits them.
 */
export function seedReference({ db }: OpenDatabase, now: Date = new Date()): void {
  db.transaction((tx) => {
    for (const row of originCountyRows) {
      tx.insert(schema.originCounties)
        .values(row)
        .onConflictDoUpdate({ target: schema.originCounties.code, set: row })
        .run();
    }
    for (const row of jurisdictionRows) {
      tx.insert(schema.jurisdictions)
        .values(row)
        .onConflictDoUpdate({ target: schema.jurisdictions.code, set: row })
        .run();
    }
    for (const row of categoryRows) {
      tx.insert(schema.categories)
        .values(row)
        .onConflictDoUpdate({ target: schema.categories.slug, set: row })
        .run();
    }
    for (const row of unitRows) {
      tx.insert(schema.units)
        .values(row)
        .onConflictDoUpdate({ target: schema.units.code, set: row })
        .run();
    }
    tx.insert(schema.pairings).values(pairingRows).onConflictDoNothing().run();
    // 2020 is the source document's year; the current year starts with the same targets.
    for (const year of new Set([2020, shanghaiYear(now)])) {
      tx.insert(schema.campaignYears)
        .values({
          year,
          cityTargetFen: TARGETS_2020.cityTargetFen,
          peopleTarget: TARGETS_2020.peopleTarget,
          reservedShareBp: TARGETS_2020.reservedShareBp,
        })
        .onConflictDoNothing()
        .run();
      tx.insert(schema.jurisdictionTargets)
        .values(
          targetedJurisdictionCodes.map((jurisdictionCode) => ({
            year,
            jurisdictionCode,
            targetFen: TARGETS_2020.jurisdictionTargetFen,
          })),
        )
        .onConflictDoNothing()
        .run();
    }
  });
}

/** True when the demo has already been loaded into this database. */
export function hasDemoData({ db }: OpenDatabase): boolean {
  const row = db.get<{ n: number }>(
    sql`select count(*) as n from ${schema.organisations} where ${schema.organisations.isDemo} = 1`,
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Loads the fictional demo sellers and products. Certificates are dated
 * relative to `now` so that demo certifications are valid today, except the
 * ones the demo marks as expired or pending, which show the listing rule.
 */
export function seedDemo(
  { db, sqlite }: OpenDatabase,
  now: Date = new Date(),
  options: { ledger?: boolean } = {},
): void {
  const today = shanghaiDate(now);
  db.transaction((tx) => {
    const sellerIds = new Map<string, number>();
    for (const coop of demoCooperatives) {
      const creditCode = coop.creditCodeBody + creditCodeCheckCharacter(coop.creditCodeBody);
      const inserted = tx
        .insert(schema.organisations)
        .values({
          side: "seller",
          type: coop.sellerKind,
          nameZh: coop.nameZh,
          nameEn: coop.nameEn,
          creditCode,
          countyCode: coop.countyCode,
          status: "approved",
          contactName: coop.contactName,
          contactPhone: coop.contactPhone,
          address: coop.addressZh,
          descriptionZh: coop.descriptionZh,
          descriptionEn: coop.descriptionEn,
          peopleLifted: coop.peopleLifted,
          mechanism: coop.mechanism,
          foundedYear: coop.foundedYear,
          // A receiving account, so bank-transfer orders can be paid in the demo (fictional numbers).
          bankName: "甘肃省农村信用社（演示账户）",
          bankAccountName: coop.nameZh,
          bankAccountNumber: `62${coop.countyCode}${String(sellerIds.size + 1).padStart(8, "0")}`,
          isDemo: true,
        })
        .returning({ id: schema.organisations.id })
        .get();
      sellerIds.set(coop.key, inserted.id);
    }

    // Buyers, the office and the demo accounts (all with the demo password).
    const orgIds = new Map<string, number>(sellerIds);
    for (const org of demoOrganisations) {
      const inserted = tx
        .insert(schema.organisations)
        .values({
          side: org.side,
          type: org.type,
          nameZh: org.nameZh,
          nameEn: org.nameEn,
          creditCode: demoCreditCode(org.creditCodeBody),
          jurisdictionCode: org.jurisdictionCode,
          parentId: org.parentKey ? (orgIds.get(org.parentKey) ?? null) : null,
          // The demo union's parent unit is confirmed, so it counts under it.
          parentConfirmedAt: org.parentKey ? now : null,
          status: "approved",
          contactName: org.contactName,
          contactPhone: org.contactPhone,
          address: org.address,
          approvalThresholdFen: org.approvalThresholdFen ?? null,
          isDemo: true,
        })
        .returning({ id: schema.organisations.id })
        .get();
      orgIds.set(org.key, inserted.id);
    }
    // The Gulou unit declared a 300万元 canteen food budget for this year.
    const gulou = orgIds.get("gulou-unit");
    if (gulou !== undefined) {
      tx.insert(schema.reservedPledges)
        .values({
          orgId: gulou,
          year: shanghaiYear(now),
          canteenBudgetFen: 3_000_000_00,
          updatedAt: now,
        })
        .run();
    }
    const passwordHash = hashPasswordSync(DEMO_PASSWORD);
    for (const account of demoAccounts) {
      const orgId = orgIds.get(account.orgKey);
      if (orgId === undefined)
        throw new Error(`demo account ${account.email}: unknown organisation`);
      const user = tx
        .insert(schema.users)
        .values({
          email: account.email,
          name: account.name,
          phone: account.phone,
          passwordHash,
          isDemo: true,
        })
        .returning({ id: schema.users.id })
        .get();
      tx.insert(schema.memberships)
        .values({ userId: user.id, orgId, role: account.role, status: "approved" })
        .run();
    }

    demoProducts.forEach((product, i) => {
      const sellerId = sellerIds.get(product.sellerKey);
      if (sellerId === undefined) throw new Error(`demo product ${product.slug}: unknown seller`);
      const [firstTier] = product.tiers;
      if (!firstTier) throw new Error(`demo product ${product.slug}: no price tiers`);
      const state = product.state ?? "listed";
      // Newer products first in "newest": spread creation over the past weeks.
      const createdAt = new Date(now.getTime() - (demoProducts.length - i) * 6 * 3_600_000);
      const row = tx
        .insert(schema.products)
        .values({
          sellerId,
          countyCode: product.countyCode,
          categorySlug: product.category,
          unitCode: product.unit,
          nameZh: product.nameZh,
          nameEn: product.nameEn,
          descriptionZh: product.descriptionZh,
          descriptionEn: product.descriptionEn,
          specZh: product.specZh,
          specEn: product.specEn,
          shelfLifeDays: product.shelfLifeDays,
          storageZh: product.storageZh,
          storageEn: product.storageEn,
          tags: product.tags,
          priceFen: firstTier.unitPriceFen,
          minOrderQty: firstTier.minQty,
          stock: product.stock,
          status: state === "pending" ? "submitted" : "listed",
          featured: product.featured ?? false,
          isDemo: true,
          createdAt,
          listedAt: state === "pending" ? null : createdAt,
        })
        .returning({ id: schema.products.id })
        .get();
      tx.insert(schema.priceTiers)
        .values(product.tiers.map((tier) => ({ productId: row.id, ...tier })))
        .run();
      const cert = product.certification;
      const issuedOn = addMonths(today, -cert.issuedMonthsAgo);
      const certification = tx
        .insert(schema.certifications)
        .values({
          productId: row.id,
          authority: cert.authorityZh,
          level: cert.level,
          number: cert.number,
          issuedOn,
          validUntil: addMonths(issuedOn, cert.validMonths),
          valueFen: cert.valueFen,
          peopleLifted: cert.peopleLifted,
          status: state === "pending" ? "pending" : "approved",
          reviewedAt: state === "pending" ? null : createdAt,
        })
        .returning({ id: schema.certifications.id })
        .get();
      tx.update(schema.products)
        .set({ certificationId: certification.id })
        .where(sql`${schema.products.id} = ${row.id}`)
        .run();
      tx.insert(schema.productImages)
        .values({
          productId: row.id,
          position: 0,
          src: demoPhoto(product.slug),
          thumbSrc: demoPhoto(`${product.slug}-400`),
          width: 800,
          height: 600,
        })
        .run();
    });
  });
  refreshProductSearch(sqlite);
  if (options.ledger ?? true) seedDemoLedger({ db, sqlite }, now);
}

/** The served, content-addressed address of the drawn picture `<name>.webp`. */
function demoPhoto(name: string): string {
  return demoPhotoSrc(name, readFileSync(resolve(DEMO_PHOTO_DIR, `${name}.webp`)));
}

/** A demo photo row's picture name, from its old static address or its served one. */
function demoPhotoName(src: string): string | null {
  const old = /^\/images\/demo\/([a-z0-9-]+)\.webp$/.exec(src);
  if (old) return old[1]!;
  const served = src.startsWith(PRODUCT_MEDIA_PREFIX)
    ? parseDemoPhotoKey(src.slice(PRODUCT_MEDIA_PREFIX.length))
    : null;
  return served ? served.file.replace(/\.webp$/, "") : null;
}

/**
 * Points the demo's photo rows at the drawn pictures as they are now: a
 * database seeded before the pictures were content-addressed, or before they
 * were redrawn (npm run db:images), gets the current addresses. Rows whose
 * picture is gone are left alone. Returns how many rows changed.
 */
export function refreshDemoPhotos({ db }: OpenDatabase): number {
  const rows = db
    .select()
    .from(schema.productImages)
    .where(
      or(
        like(schema.productImages.src, "/images/demo/%"),
        like(schema.productImages.src, `${PRODUCT_MEDIA_PREFIX}demo-%`),
      ),
    )
    .all();
  let changed = 0;
  db.transaction((tx) => {
    for (const row of rows) {
      const large = demoPhotoName(row.src);
      const thumb = demoPhotoName(row.thumbSrc);
      if (!large || !thumb) continue;
      let next: { src: string; thumbSrc: string };
      try {
        next = { src: demoPhoto(large), thumbSrc: demoPhoto(thumb) };
      } catch {
        continue;
      }
      if (next.src === row.src && next.thumbSrc === row.thumbSrc) continue;
      tx.update(schema.productImages)
        .set(next)
        .where(sql`${schema.productImages.id} = ${row.id}`)
        .run();
      changed += 1;
    }
  });
  return changed;
}
