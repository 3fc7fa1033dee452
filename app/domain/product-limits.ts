/**
 * Limits and lists the product forms show and the server checks. Kept apart
 * from the zod schemas so that page bundles never carry zod.
 */
export const MAX_EXTRA_TIERS = 4;
export const MAX_TAGS = 8;
export const MAX_TAG_LENGTH = 20;

export const certificationLevels = ["county", "city", "province", "national"] as const;
export type CertificationLevel = (typeof certificationLevels)[number];
