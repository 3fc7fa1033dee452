/** The catalog's sort orders (kept apart from the zod schema so pages don't ship zod). */
export const catalogSortValues = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type CatalogSortValue = (typeof catalogSortValues)[number];
