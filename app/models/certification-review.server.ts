/**
 * What the office reads while it reviews a certification (扶贫产品认定): the
 * product exactly as the seller entered it, every certification it ever had
 * with who submitted and decided each, and the product's history. The review
 * itself (the decision and its rules) lives in products.server.ts.
 */
import { asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbLike } from "../../db/client";
import {
  categories,
  certifications,
  organisations,
  originCounties,
  productImages,
  products,
  units,
  users,
} from "../../db/schema";
import { getCertification, productHistory, productRelations } from "./products.server";

/** Statuses in which a pending certification can be decided (see decideCertification). */

export interface CoverThumbnail {
  thumbSrc: string;
  width: number;
  height: number;
}

/** The first photo of each product, keyed by product id; products without photos are absent. */
export function coverThumbnails(db: DbLike, productIds: number[]): Map<number, CoverThumbnail> {
  const covers = new Map<number, CoverThumbnail>();
  if (productIds.length === 0) return covers;
  const rows = db
    .select({
      productId: productImages.productId,
      thumbSrc: productImages.thumbSrc,
      width: productImages.width,
      height: productImages.height,
    })
    .from(productImages)
    .where(inArray(productImages.productId, [...new Set(productIds)]))
    .orderBy(asc(productImages.productId), asc(productImages.position))
    .all();
  for (const row of rows) {
    if (!covers.has(row.productId)) {
      covers.set(row.productId, {
        thumbSrc: row.thumbSrc,
        width: row.width,
        height: row.height,
      });
    }
  }
  return covers;
}

const reviewer = alias(users, "reviewer");
const submitter = alias(users, "submitter");

/** A product's certifications, newest first, with the names of who submitted and decided them. */
export function certificationHistory(db: DbLike, productId: number) {
  return db
    .select({
      id: certifications.id,
      authority: certifications.authority,
      level: certifications.level,
      number: certifications.number,
      issuedOn: certifications.issuedOn,
      validUntil: certifications.validUntil,
      valueFen: certifications.valueFen,
      peopleLifted: certifications.peopleLifted,
      status: certifications.status,
      rejectReason: certifications.rejectReason,
      documentKey: certifications.documentKey,
      createdAt: certifications.createdAt,
      reviewedAt: certifications.reviewedAt,
      reviewerName: reviewer.name,
      submitterName: submitter.name,
    })
    .from(certifications)
    .leftJoin(reviewer, eq(reviewer.id, certifications.reviewedBy))
    .leftJoin(submitter, eq(submitter.id, certifications.submittedBy))
    .where(eq(certifications.productId, productId))
    .orderBy(desc(certifications.id))
    .all();
}

/**
 * One certification with the whole product behind it, for the office; null
 * when the certification does not exist.
 */
export function getCertificationReview(db: DbLike, certificationId: number) {
  const certification = getCertification(db, certificationId);
  if (!certification) return null;
  const product = db
    .select({
      id: products.id,
      status: products.status,
      statusReason: products.statusReason,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      descriptionZh: products.descriptionZh,
      descriptionEn: products.descriptionEn,
      specZh: products.specZh,
      specEn: products.specEn,
      shelfLifeDays: products.shelfLifeDays,
      storageZh: products.storageZh,
      storageEn: products.storageEn,
      tags: products.tags,
      minOrderQty: products.minOrderQty,
      stock: products.stock,
      monthlyCapacity: products.monthlyCapacity,
      certificationId: products.certificationId,
      certifiedUntil: products.certifiedUntil,
      categoryZh: categories.nameZh,
      categoryEn: categories.nameEn,
      unitCode: products.unitCode,
      unitZh: units.nameZh,
      unitEn: units.nameEn,
      countyCode: products.countyCode,
      countyZh: originCounties.nameZh,
      countyEn: originCounties.nameEn,
      sellerId: organisations.id,
      sellerZh: organisations.nameZh,
      sellerEn: organisations.nameEn,
    })
    .from(products)
    .innerJoin(categories, eq(categories.slug, products.categorySlug))
    .innerJoin(units, eq(units.code, products.unitCode))
    .innerJoin(originCounties, eq(originCounties.code, products.countyCode))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(eq(products.id, certification.productId))
    .get();
  if (!product) return null;
  const { tiers, images } = productRelations(db, product.id);
  const events = productHistory(db, product.id);
  return {
    certificationId: certification.id,
    product,
    tiers,
    images,
    certifications: certificationHistory(db, product.id),
    events,
  };
}
