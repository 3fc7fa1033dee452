/**
 * The buyer's and the seller's order forms, checked on the server. Messages
 * are i18n keys (see forms.ts).
 */
import { z } from "zod";
import { optionalText, requiredText } from "./forms";

import { purposes } from "./order-options";

export { purposes, type Purpose } from "./order-options";

const id = z.coerce
  .number({ error: "forms.invalid" })
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER);

export const cartLineSchema = z.object({
  intent: z.enum(["set", "add", "remove"]),
  productId: id,
  qty: z
    .string()
    .trim()
    .optional()
    .transform((value) => value ?? "0")
    .pipe(z.string().regex(/^\d{1,8}$/, "forms.wholeNumber"))
    .transform(Number),
});

/** A Chinese taxpayer number: the 18-character credit code, or an older 15/17/20-character one. */
const taxNumber = z
  .string({ error: "forms.required" })
  .trim()
  .toUpperCase()
  .min(1, "forms.required")
  .regex(/^[0-9A-Z]{15,20}$/, "forms.taxNumber");

export const checkoutSchema = z.object({
  idempotencyKey: z.string().regex(/^[0-9a-f-]{36}$/, "forms.invalid"),
  deliveryAddress: requiredText(200),
  contactName: requiredText(60),
  contactPhone: z
    .string({ error: "forms.required" })
    .trim()
    .regex(/^[0-9+\-\s()]{6,20}$/, "forms.phone"),
  invoiceTitle: requiredText(100),
  taxNumber,
  poReference: optionalText(60),
  purpose: z.enum(purposes, { error: "forms.choose" }),
  paymentMethod: z.enum(["bank_transfer", "stripe"], { error: "forms.choose" }),
});

/** A step on an order, with what some steps need: a reason, a carrier and tracking number. */
export const orderStepSchema = z
  .object({
    intent: z.enum([
      "approve",
      "return",
      "pay",
      "confirm",
      "ship",
      "deliver",
      "accept",
      "cancel",
      "refund",
    ]),
    note: optionalText(500),
    carrier: optionalText(60),
    trackingNumber: optionalText(60),
  })
  .superRefine((step, ctx) => {
    if (
      (step.intent === "return" || step.intent === "cancel" || step.intent === "refund") &&
      !step.note
    )
      ctx.addIssue({ code: "custom", path: ["note"], message: "forms.reasonRequired" });
    if (step.intent === "ship") {
      if (!step.carrier)
        ctx.addIssue({ code: "custom", path: ["carrier"], message: "forms.required" });
      if (!step.trackingNumber)
        ctx.addIssue({ code: "custom", path: ["trackingNumber"], message: "forms.required" });
    }
  });

export const invoiceSchema = z.object({
  invoiceNumber: z
    .string({ error: "forms.required" })
    .trim()
    .min(1, "forms.required")
    .regex(/^[0-9A-Za-z-]{6,30}$/, "forms.invoiceNumber"),
});
