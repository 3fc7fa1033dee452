/**
 * What a sign-in or a sign-up's confirmation refused by the limits says:
 * when to try again, and, when the account is at its ceiling, that only the
 * places it signed in from before still work. Used by both routes.
 */
import type { TFunction } from "i18next";
import { formatDateTime } from "~/domain/dates";
import type { RefusedAttempt } from "~/models/auth.server";

export function refusedAttemptMessage(
  t: TFunction,
  language: "zh-CN" | "en",
  refused: RefusedAttempt,
): string {
  const time = formatDateTime(refused.retryAt, language);
  return refused.accountCeiling
    ? t("auth.login.accountCeiling", { time })
    : t("auth.login.rate_limited", { time });
}

/** Retry-After in whole seconds, at least one. */
export function retryAfterHeader(refused: RefusedAttempt, now = new Date()): HeadersInit {
  const seconds = Math.max(1, Math.ceil((refused.retryAt.getTime() - now.getTime()) / 1000));
  return { "Retry-After": String(seconds) };
}
