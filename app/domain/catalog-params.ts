import { z } from "zod";
import { catalogSortValues } from "./catalog-sorts";
import { parseYuanToFen } from "./money";

/** Keys of translated messages about a catalog URL that could not be used as given. */
export type CatalogParamProblem =
  | "catalog.errors.county"
  | "catalog.errors.category"
  | "catalog.errors.minPrice"
  | "catalog.errors.maxPrice"
  | "catalog.errors.priceRange"
  | "catalog.errors.sort"
  | "catalog.errors.page";

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const schema = z.object({
  county: optionalText.pipe(
    z
      .string()
      .regex(/^\d{6}$/, "catalog.errors.county")
      .optional(),
  ),
  category: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, "catalog.errors.category")
      .optional(),
  ),
  q: optionalText.transform((value) => value?.slice(0, 100)),
  min: optionalText,
  max: optionalText,
  sort: optionalText.pipe(z.enum(catalogSortValues, { error: "catalog.errors.sort" }).optional()),
  page: optionalText.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,4}$/, "catalog.errors.page")
      .transform(Number)
      .optional(),
  ),
});

export interface CatalogParams {
  county?: string;
  category?: string;
  q?: string;
  minPriceFen?: number;
  maxPriceFen?: number;
  sort?: (typeof catalogSortValues)[number];
  page?: number;
  /** What the visitor typed, to put back in the form. */
  raw: { q: string; min: string; max: string };
}

const FIELDS = ["county", "category", "q", "min", "max", "sort", "page"] as const;

/**
 * Reads the catalog's query string. A value that cannot be used is dropped
 * and named in `problems`, so the page still shows results and says why a
 * filter was ignored, instead of failing.
 */
export function parseCatalogParams(search: URLSearchParams): {
  params: CatalogParams;
  problems: CatalogParamProblem[];
} {
  const problems: CatalogParamProblem[] = [];
  const values: Record<string, string | undefined> = {};
  for (const field of FIELDS) values[field] = search.get(field) ?? undefined;
  // Validate field by field so one bad value does not discard the others.
  const parsed: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const result = schema.shape[field].safeParse(values[field]);
    if (result.success) {
      parsed[field] = result.data;
    } else {
      const message = result.error.issues[0]?.message;
      if (message?.startsWith("catalog.errors.")) problems.push(message as CatalogParamProblem);
    }
  }
  const raw = { q: values.q ?? "", min: values.min ?? "", max: values.max ?? "" };
  const params: CatalogParams = {
    county: parsed.county as string | undefined,
    category: parsed.category as string | undefined,
    q: parsed.q as string | undefined,
    sort: parsed.sort as CatalogParams["sort"],
    page: parsed.page as number | undefined,
    raw,
  };
  if (parsed.min !== undefined) {
    const fen = parseYuanToFen(parsed.min as string);
    if (fen === null) problems.push("catalog.errors.minPrice");
    else params.minPriceFen = fen;
  }
  if (parsed.max !== undefined) {
    const fen = parseYuanToFen(parsed.max as string);
    if (fen === null) problems.push("catalog.errors.maxPrice");
    else params.maxPriceFen = fen;
  }
  if (
    params.minPriceFen !== undefined &&
    params.maxPriceFen !== undefined &&
    params.minPriceFen > params.maxPriceFen
  ) {
    problems.push("catalog.errors.priceRange");
    delete params.minPriceFen;
    delete params.maxPriceFen;
  }
  return { params, problems };
}
