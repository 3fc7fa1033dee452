/**
 * Schemas for ids, pages and small action forms read by routes. They live
 * here, not in route modules, so that page bundles never carry zod.
 */
import { z } from "zod";
import { roles } from "./roles";

export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export const switchOrganisationSchema = z.object({ orgId: z.coerce.number().int().positive() });

export const memberDecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["approve", "reject"]),
    membershipId: z.coerce.number().int().positive(),
  }),
  z.object({
    intent: z.literal("change-role"),
    membershipId: z.coerce.number().int().positive(),
    role: z.enum(roles),
  }),
]);

export const userActionSchema = z.object({
  intent: z.enum(["disable", "enable", "end-sessions"]),
  userId: z.coerce.number().int().positive(),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const auditFilterSchema = z.object({
  action: z.string().trim().max(60).optional().catch(undefined),
  actor: z.string().trim().max(100).optional().catch(undefined),
  target: z.string().trim().max(100).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const code6 = z
  .string()
  .regex(/^\d{6}$/)
  .optional()
  .catch(undefined);

/** The dashboard's drill-down filters for ledger entries; anything malformed is ignored. */
export const ledgerFilterSchema = z.object({
  year: z.coerce.number().int().min(2015).max(2100).optional().catch(undefined),
  jurisdiction: code6,
  county: code6,
  buyerType: z
    .enum(["budget_unit", "trade_union", "enterprise", "channel", "individual"])
    .optional()
    .catch(undefined),
  kind: z.enum(["purchase", "helped_sale"]).optional().catch(undefined),
  channel: z.enum(["online", "offline"]).optional().catch(undefined),
  certified: z.enum(["0", "1"]).optional().catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  statsOrg: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** "?year=2020" for exports, or null (all years) when absent. */
export const exportYearParam = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number)
  .nullable()
  .optional()
  .transform((value) => value ?? null)
  .catch(null);

/** "?month=YYYY-MM". */
export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .transform((value) => ({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) }));
