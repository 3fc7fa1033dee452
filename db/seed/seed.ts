import { sql } from "drizzle-orm";
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import { addMonths, shanghaiDate, shanghaiYear } from "../../app/domain/dates";
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
          src: `/images/demo/${product.slug}.webp`,
          thumbSrc: `/images/demo/${product.slug}-400.webp`,
          width: 800,
          height: 600,
        })
        .run();
    });
  });
  refreshProductSearch(sqlite);
  if (options.ledger ?? true) seedDemoLedger({ db, sqlite }, now);
}
