/**
 * What a seller types about a product and its certification, checked on the
 * server. Messages are i18n keys (see forms.ts). Prices are typed in yuan and
 * kept in fen; the price and minimum order quantity make the first tier, and
 * up to four more tiers may follow.
 */
import { z } from "zod";
import { optionalText, requiredText } from "./forms";
import { fenToYuanInput, parseYuanToFen } from "./money";
import { checkTiers, type PriceTier } from "./pricing";

import { certificationLevels, MAX_EXTRA_TIERS, MAX_TAG_LENGTH, MAX_TAGS } from "./product-limits";

export { certificationLevels, MAX_EXTRA_TIERS, MAX_TAG_LENGTH, MAX_TAGS };

const wholeNumber = (max: number) =>
  z
    .string({ error: "forms.required" })
    .trim()
    .regex(/^\d+$/, "forms.wholeNumber")
    .transform(Number)
    .refine((n) => n <= max, `forms.atMost|${JSON.stringify({ max })}`);

const positiveWhole = (max: number) => wholeNumber(max).refine((n) => n >= 1, "forms.positive");

/** A whole number that may be left blank, meaning 0. */
const optionalWhole = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return 0;
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "forms.wholeNumber" });
        return z.NEVER;
      }
      const n = Number(value);
      if (n > max) {
        ctx.addIssue({ code: "custom", message: `forms.atMost|${JSON.stringify({ max })}` });
        return z.NEVER;
      }
      return n;
    });

/** A price in yuan, more than zero, at most two decimals. */
export const priceField = z
  .string({ error: "forms.required" })
  .trim()
  .transform((value, ctx) => {
    if (value === "") {
      ctx.addIssue({ code: "custom", message: "forms.required" });
      return z.NEVER;
    }
    const fen = parseYuanToFen(value);
    if (fen === null || fen <= 0) {
      ctx.addIssue({ code: "custom", message: "forms.price" });
      return z.NEVER;
    }
    return fen;
  });

/** Splits typed tags on commas (either width), 、, semicolons or new lines; drops repeats. */
export function splitTags(text: string): string[] {
  const tags = text
    .split(/[,，、;；\n]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}

const tagsField = z
  .string()
  .optional()
  .transform((value) => splitTags(value ?? ""))
  .refine(
    (tags) => tags.length <= MAX_TAGS,
    `forms.tooManyTags|${JSON.stringify({ max: MAX_TAGS })}`,
  )
  .refine(
    (tags) => tags.every((tag) => tag.length <= MAX_TAG_LENGTH),
    `forms.tagTooLong|${JSON.stringify({ max: MAX_TAG_LENGTH })}`,
  );

const code = z
  .string({ error: "forms.choose" })
  .trim()
  .min(1, "forms.choose")
  .max(40, "forms.choose");

const tierShape: Record<string, z.ZodType> = {};
for (let i = 1; i <= MAX_EXTRA_TIERS; i++) {
  tierShape[`tierQty${i}`] = z.string().trim().optional();
  tierShape[`tierPrice${i}`] = z.string().trim().optional();
}

export interface ProductInput {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  categorySlug: string;
  unitCode: string;
  countyCode: string;
  tiers: PriceTier[];
  stock: number;
  monthlyCapacity: number;
  specZh: string;
  specEn: string;
  shelfLifeDays: number;
  storageZh: string;
  storageEn: string;
  tags: string[];
}

/**
 * The product form. Tier rows left blank are ignored; a half-filled row, or
 * tiers that do not rise in quantity or that rise in price, are named on the
 * row's own field.
 */
export const productSchema = z
  .object({
    nameZh: requiredText(60),
    nameEn: optionalText(120),
    descriptionZh: optionalText(2000),
    descriptionEn: optionalText(4000),
    categorySlug: code,
    unitCode: code,
    countyCode: z
      .string({ error: "forms.choose" })
      .trim()
      .regex(/^\d{6}$/, "forms.choose"),
    price: priceField,
    minOrderQty: positiveWhole(1_000_000),
    stock: optionalWhole(100_000_000),
    monthlyCapacity: optionalWhole(100_000_000),
    specZh: optionalText(100),
    specEn: optionalText(200),
    shelfLifeDays: optionalWhole(3650),
    storageZh: optionalText(200),
    storageEn: optionalText(400),
    tags: tagsField,
    ...tierShape,
  })
  .transform((form, ctx): ProductInput => {
    const tiers: PriceTier[] = [{ minQty: form.minOrderQty, unitPriceFen: form.price }];
    for (let i = 1; i <= MAX_EXTRA_TIERS; i++) {
      const qtyText = (form[`tierQty${i}` as keyof typeof form] as string | undefined) ?? "";
      const priceText = (form[`tierPrice${i}` as keyof typeof form] as string | undefined) ?? "";
      if (qtyText === "" && priceText === "") continue;
      const qty = /^\d+$/.test(qtyText) ? Number(qtyText) : null;
      const fen = parseYuanToFen(priceText);
      if (qty === null || qty < 1) {
        ctx.addIssue({ code: "custom", path: [`tierQty${i}`], message: "forms.wholeNumber" });
        continue;
      }
      if (fen === null || fen <= 0) {
        ctx.addIssue({ code: "custom", path: [`tierPrice${i}`], message: "forms.price" });
        continue;
      }
      const previous = tiers[tiers.length - 1];
      const problem = checkTiers([...tiers, { minQty: qty, unitPriceFen: fen }]);
      if (problem === "tiers.quantity_not_rising") {
        ctx.addIssue({
          code: "custom",
          path: [`tierQty${i}`],
          message: `forms.tierQtyRising|${JSON.stringify({ min: (previous?.minQty ?? 0) + 1 })}`,
        });
        continue;
      }
      if (problem === "tiers.price_rising") {
        ctx.addIssue({ code: "custom", path: [`tierPrice${i}`], message: "forms.tierPriceRising" });
        continue;
      }
      tiers.push({ minQty: qty, unitPriceFen: fen });
    }
    return {
      nameZh: form.nameZh,
      nameEn: form.nameEn,
      descriptionZh: form.descriptionZh,
      descriptionEn: form.descriptionEn,
      categorySlug: form.categorySlug,
      unitCode: form.unitCode,
      countyCode: form.countyCode,
      tiers,
      stock: form.stock,
      monthlyCapacity: form.monthlyCapacity,
      specZh: form.specZh,
      specEn: form.specEn,
      shelfLifeDays: form.shelfLifeDays,
      storageZh: form.storageZh,
      storageEn: form.storageEn,
      tags: form.tags,
    };
  });

const isoDay = z
  .string({ error: "forms.date" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "forms.date")
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    "forms.date",
  );

/** A certification as the seller attaches it (the scan is checked separately). */
export const certificationSchema = z
  .object({
    authority: requiredText(100),
    level: z.enum(certificationLevels, { error: "forms.choose" }),
    number: requiredText(60),
    issuedOn: isoDay,
    validUntil: isoDay,
    value: z
      .string({ error: "forms.required" })
      .trim()
      .transform((value, ctx) => {
        const fen = parseYuanToFen(value);
        if (fen === null) {
          ctx.addIssue({ code: "custom", message: "forms.amount" });
          return z.NEVER;
        }
        return fen;
      }),
    peopleLifted: wholeNumber(10_000_000),
  })
  .refine((c) => c.validUntil >= c.issuedOn, {
    path: ["validUntil"],
    message: "forms.validBeforeIssued",
  });

/** Dates checked against today, which a schema cannot know: issued not in the future, still valid. */
export function certificationDateProblems(
  input: { issuedOn: string; validUntil: string },
  today: string,
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (input.issuedOn > today) problems.issuedOn = ["forms.issuedInFuture"];
  if (input.validUntil < today) problems.validUntil = ["forms.alreadyExpired"];
  return problems;
}

export const stockAdjustmentSchema = z.object({
  direction: z.enum(["add", "remove"], { error: "forms.choose" }),
  quantity: positiveWhole(100_000_000),
  reason: requiredText(200),
});

export const productActionSchema = z
  .object({
    intent: z.enum(["submit", "withdraw", "pause", "resume", "delist"]),
    reason: optionalText(500),
  })
  .refine((v) => v.intent !== "delist" || v.reason.length > 0, {
    path: ["reason"],
    message: "forms.reasonRequired",
  });

export const certificationDecisionSchema = z
  .object({
    intent: z.enum(["approve", "reject"]),
    certificationId: z.coerce.number().int().positive(),
    reason: optionalText(500),
  })
  .refine((v) => v.intent === "approve" || v.reason.length > 0, {
    path: ["reason"],
    message: "forms.reasonRequired",
  });

/** A saved product as the form's fields, for editing it. */
export function productFormValues(
  product: Omit<ProductInput, "tiers">,
  tiers: readonly PriceTier[],
): Record<string, string> {
  const values: Record<string, string> = {
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    descriptionZh: product.descriptionZh,
    descriptionEn: product.descriptionEn,
    categorySlug: product.categorySlug,
    unitCode: product.unitCode,
    countyCode: product.countyCode,
    stock: String(product.stock),
    monthlyCapacity: product.monthlyCapacity ? String(product.monthlyCapacity) : "",
    specZh: product.specZh,
    specEn: product.specEn,
    shelfLifeDays: product.shelfLifeDays ? String(product.shelfLifeDays) : "",
    storageZh: product.storageZh,
    storageEn: product.storageEn,
    tags: product.tags.join("、"),
  };
  const [first, ...extra] = tiers;
  if (first) {
    values.price = fenToYuanInput(first.unitPriceFen);
    values.minOrderQty = String(first.minQty);
  }
  extra.forEach((tier, i) => {
    values[`tierQty${i + 1}`] = String(tier.minQty);
    values[`tierPrice${i + 1}`] = fenToYuanInput(tier.unitPriceFen);
  });
  return values;
}
