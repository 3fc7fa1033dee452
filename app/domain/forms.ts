/**
 * One way to read a form: a zod schema whose messages are i18n keys, giving
 * either the data or, per field, the keys of what is wrong. A message may
 * carry values for the translation as "key|{json}".
 */
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** The first value of each field, as text (files are not read here). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const values = formValues(form);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "form";
    const message = issue.message.startsWith("forms.") ? issue.message : "forms.invalid";
    (fieldErrors[field] ??= []).push(message);
  }
  // Never echo passwords back into the page.
  for (const key of Object.keys(values)) if (/password/i.test(key)) values[key] = "";
  return { ok: false, fieldErrors, values };
}

export { messageParts } from "./messages";

export const requiredText = (max: number) =>
  z
    .string({ error: "forms.required" })
    .trim()
    .min(1, "forms.required")
    .max(max, `forms.tooLong|${JSON.stringify({ max })}`);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `forms.tooLong|${JSON.stringify({ max })}`)
    .optional()
    .transform((value) => value ?? "");

export const emailField = z
  .string({ error: "forms.required" })
  .trim()
  .toLowerCase()
  .min(1, "forms.required")
  .max(254, "forms.email")
  .pipe(z.email("forms.email"));

/** 8 to 128 characters, no composition rules (NIST SP 800-63B). */
export const newPasswordField = z
  .string({ error: "forms.required" })
  .min(8, "forms.passwordShort")
  .max(128, "forms.passwordLong");

export const passwordField = z
  .string({ error: "forms.required" })
  .min(1, "forms.required")
  .max(128, "forms.passwordLong");
