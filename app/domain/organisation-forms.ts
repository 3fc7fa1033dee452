import { z } from "zod";
import { organisationTypes } from "../../db/schema";
import { checkCreditCode, normaliseCreditCode } from "./credit-code";
import { emailField, newPasswordField, optionalText, passwordField, requiredText } from "./forms";
import { parseYuanToFen } from "./money";
import { typesForSide } from "./permissions";

/** A unified social credit code, normalised, with the problem named when wrong. */
export const creditCodeField = z
  .string({ error: "forms.required" })
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    if (code.length === 0) {
      ctx.addIssue({ code: "custom", message: "forms.required" });
      return;
    }
    const problem = checkCreditCode(code);
    if (!problem) return;
    const { problem: kind, ...values } = problem;
    ctx.addIssue({ code: "custom", message: `forms.creditCode.${kind}|${JSON.stringify(values)}` });
  });

const phoneField = z
  .string({ error: "forms.required" })
  .trim()
  .regex(/^[0-9+\-\s()]{6,20}$/, "forms.phone");

export const personSchema = z.object({
  name: requiredText(60),
  email: emailField,
  phone: phoneField,
  password: newPasswordField,
});

const divisionCode = z.string().regex(/^\d{6}$/, "forms.choose");

/**
 * A new organisation's application. Buyers say their Fuzhou jurisdiction (or
 * the municipal level); sellers their Dingxi county, receiving account,
 * poverty-reduction mechanism and declared people lifted.
 */
export const organisationSchema = z
  .object({
    side: z.enum(["buyer", "seller"], { error: "forms.choose" }),
    type: z.enum(organisationTypes, { error: "forms.choose" }),
    orgName: requiredText(100),
    creditCode: creditCodeField,
    jurisdictionCode: z.string().optional(),
    countyCode: z.string().optional(),
    parentCreditCode: z.string().optional(),
    contactName: requiredText(60),
    contactPhone: phoneField,
    address: requiredText(200),
    bankName: optionalText(100),
    bankAccountName: optionalText(100),
    bankAccountNumber: optionalText(40),
    mechanism: z.enum(["wage", "asset", "business"]).optional(),
    peopleLifted: z.string().optional(),
  })
  .superRefine((org, ctx) => {
    if (!typesForSide(org.side).includes(org.type)) {
      ctx.addIssue({ code: "custom", path: ["type"], message: "forms.typeForSide" });
    }
    if (org.side === "buyer" && !divisionCode.safeParse(org.jurisdictionCode).success) {
      ctx.addIssue({ code: "custom", path: ["jurisdictionCode"], message: "forms.choose" });
    }
    if (org.type === "trade_union" && !org.parentCreditCode?.trim()) {
      ctx.addIssue({ code: "custom", path: ["parentCreditCode"], message: "forms.parentRequired" });
    }
    if (org.side === "seller") {
      if (!divisionCode.safeParse(org.countyCode).success) {
        ctx.addIssue({ code: "custom", path: ["countyCode"], message: "forms.choose" });
      }
      if (!org.bankName)
        ctx.addIssue({ code: "custom", path: ["bankName"], message: "forms.required" });
      if (!org.bankAccountName)
        ctx.addIssue({ code: "custom", path: ["bankAccountName"], message: "forms.required" });
      if (!/^[0-9 ]{8,40}$/.test(org.bankAccountNumber))
        ctx.addIssue({ code: "custom", path: ["bankAccountNumber"], message: "forms.bankAccount" });
      if (!org.mechanism)
        ctx.addIssue({ code: "custom", path: ["mechanism"], message: "forms.choose" });
      if (!/^\d{1,6}$/.test(org.peopleLifted ?? ""))
        ctx.addIssue({ code: "custom", path: ["peopleLifted"], message: "forms.wholeNumber" });
    }
  })
  .transform((org) => ({
    ...org,
    parentCreditCode: org.parentCreditCode ? normaliseCreditCode(org.parentCreditCode) : undefined,
    peopleLifted: org.side === "seller" ? Number(org.peopleLifted) : 0,
    bankAccountNumber: org.bankAccountNumber.replace(/\s+/g, ""),
  }));

export type OrganisationApplication = z.infer<typeof organisationSchema>;

export const joinSchema = z.object({
  joinCreditCode: creditCodeField,
  role: z.enum(
    ["purchaser", "approver", "seller_admin", "seller_staff", "office_staff", "office_admin"],
    { error: "forms.choose" },
  ),
});

export const signupNewOrganisationSchema = personSchema.and(organisationSchema);
export const signupJoinSchema = personSchema.and(joinSchema);

export const loginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().max(2000).optional(),
});

export const forgotSchema = z.object({ email: emailField });

export const resetSchema = z
  .object({ token: z.string().min(20).max(100), password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "forms.passwordMismatch",
  });

export const reviewSchema = z
  .object({
    intent: z.enum(["approve", "reject"]),
    orgId: z.coerce.number().int().positive(),
    reason: optionalText(500),
  })
  .refine((v) => v.intent === "approve" || v.reason.length > 0, {
    path: ["reason"],
    message: "forms.reasonRequired",
  });

/** A second person's decision on a unit's approval amount change. */
export const thresholdDecisionSchema = z.object({
  intent: z.enum(["threshold-approve", "threshold-reject", "threshold-withdraw"]),
  changeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: optionalText(500),
});

/** The office confirms or refuses a trade union's parent unit. */
export const parentDecisionSchema = z.object({
  intent: z.enum(["parent-confirm", "parent-refuse"]),
  orgId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const thresholdSchema = z.object({
  threshold: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const fen = parseYuanToFen(value);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: "forms.amount" });
        return z.NEVER;
      }
      return fen;
    }),
});

/** An outside sale as the office records it (the evidence file is checked separately). */
export const outsideRecordSchema = z.object({
  buyerName: requiredText(100),
  buyerType: z.enum(["budget_unit", "trade_union", "enterprise", "channel", "individual"], {
    error: "forms.choose",
  }),
  jurisdictionCode: z.string().regex(/^\d{6}$/, "forms.choose"),
  sellerOrgId: z.coerce
    .number({ error: "forms.choose" })
    .int("forms.choose")
    .positive("forms.choose"),
  countyCode: z.string().regex(/^\d{6}$/, "forms.choose"),
  productDescription: requiredText(200),
  amount: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const fen = parseYuanToFen(value);
      if (fen === null || fen <= 0) {
        ctx.addIssue({ code: "custom", message: "forms.amount" });
        return z.NEVER;
      }
      return fen;
    }),
  saleDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "forms.date"),
  kind: z.enum(["purchase", "helped_sale"], { error: "forms.choose" }),
  channel: z.enum(["online", "offline"], { error: "forms.choose" }),
  certified: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "1" || value === "true"),
  invoiceNumber: requiredText(40),
  contractRef: optionalText(100),
});

export const recordDecisionSchema = z
  .object({
    intent: z.enum(["verify", "reject"]),
    recordId: z.coerce.number().int().positive(),
    reason: optionalText(500),
  })
  .refine((v) => v.intent === "verify" || v.reason.length > 0, {
    path: ["reason"],
    message: "forms.reasonRequired",
  });

const yuanAmount = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const fen = parseYuanToFen(value);
    if (fen === null) {
      ctx.addIssue({ code: "custom", message: "forms.amount" });
      return z.NEVER;
    }
    return fen;
  });

/** A year's targets as the office types them: yuan, a whole number of people, a percentage. */
export const targetsSchema = z
  .object({
    year: z.coerce.number().int().min(2015).max(2100),
    cityTarget: yuanAmount,
    peopleTarget: z
      .string()
      .trim()
      .regex(/^\d{1,9}$/, "forms.wholeNumber")
      .transform(Number),
    reservedShare: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, "forms.percent")
      .transform((value) => Math.round(Number(value) * 100))
      .refine((bp) => bp <= 10_000, "forms.percent"),
  })
  .catchall(z.string());

export const pairingSchema = z.object({
  jurisdictionCode: z.string().regex(/^\d{6}$/),
  countyCode: z
    .string()
    .regex(/^(\d{6})?$/, "forms.choose")
    .transform((value) => value || null),
});

export const complaintSchema = z.object({
  subjectType: z.enum(["product", "seller", "record", "other"], { error: "forms.choose" }),
  subjectRef: optionalText(200),
  body: requiredText(2000).refine((text) => text.length >= 10, "forms.complaintShort"),
  contactName: optionalText(60),
  contact: optionalText(100),
});

export const complaintAnswerSchema = z.object({
  id: z.coerce.number().int().positive(),
  status: z.enum(["open", "in_progress", "resolved"], { error: "forms.choose" }),
  reply: optionalText(2000),
});

export const canteenBudgetSchema = z.object({ canteenBudget: yuanAmount });
