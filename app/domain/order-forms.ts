/**
 * Forms and query strings about orders. Each export names the area it
 * serves (office…, buyer…, seller…); the shared rules live in order-status.ts.
 */
import { z } from "zod";
import { optionalText, requiredText } from "./forms";
import { orderStatuses, type OrderAction } from "./order-status";

const code6 = z
  .string()
  .regex(/^\d{6}$/)
  .optional()
  .catch(undefined);

/** /office/orders filters; anything malformed is ignored rather than refused. */
export const officeOrderFilterSchema = z.object({
  /** The buyer's Fuzhou jurisdiction. */
  district: code6,
  /** The seller's Dingxi county. */
  county: code6,
  seller: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .catch(undefined),
  status: z.enum(orderStatuses).optional().catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type OfficeOrderFilter = z.infer<typeof officeOrderFilterSchema>;

/** What the office may do on an order's page, as the intent of its forms. */
export const officeOrderIntents = [
  "confirm-payment",
  "mark-delivered",
  "cancel",
  "refund",
] as const;
export type OfficeOrderIntent = (typeof officeOrderIntents)[number];

/** The status-machine action each office intent takes. */
export const officeOrderActions = {
  "confirm-payment": "pay",
  "mark-delivered": "deliver",
  cancel: "cancel",
  refund: "refund",
} as const satisfies Record<OfficeOrderIntent, OrderAction>;

/** Read first, so that an unknown intent is a 400 and not a field error. */
export const officeOrderIntentSchema = z.enum(officeOrderIntents);

/**
 * Cancelling and refunding need a reason both parties read; so does the
 * office's confirmation that a bank transfer arrived (its evidence when the
 * buyer attached no slip). Marking delivered takes a note.
 */
export const officeOrderActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm-payment"), reason: requiredText(500) }),
  z.object({ intent: z.literal("mark-delivered"), note: optionalText(500) }),
  z.object({ intent: z.literal("cancel"), reason: requiredText(500) }),
  z.object({ intent: z.literal("refund"), reason: requiredText(500) }),
]);
export type OfficeOrderAction = z.infer<typeof officeOrderActionSchema>;

/** The office intents whose form asks for a reason rather than an optional note. */
export function officeIntentNeedsReason(intent: OfficeOrderIntent): boolean {
  return intent !== "mark-delivered";
}
