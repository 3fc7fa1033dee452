import { describe, expect, it } from "vitest";
import {
  LOGIN_ACCOUNT_CEILING,
  LOGIN_ACCOUNT_WINDOW_MS,
  LOGIN_MAX_PER_ADDRESS,
  LOGIN_MAX_PER_PAIR,
  LOGIN_MAX_PER_PAIR_UNDER_ATTACK,
  LOGIN_WINDOW_MS,
  refusesSignIn,
  refusingLimits,
  signInRetryAt,
  type SignInCounts,
} from "~/domain/sign-in-limits";

const clean: SignInCounts = {
  pairFailures: 0,
  accountGuesses: 0,
  addressFailures: 0,
  knownAddress: false,
};

describe("refusesSignIn", () => {
  it("refuses an account at an address past its own failures, known address or not", () => {
    expect(refusesSignIn({ ...clean, pairFailures: LOGIN_MAX_PER_PAIR - 1 })).toBe(false);
    expect(refusesSignIn({ ...clean, pairFailures: LOGIN_MAX_PER_PAIR })).toBe(true);
    expect(refusesSignIn({ ...clean, pairFailures: LOGIN_MAX_PER_PAIR, knownAddress: true })).toBe(
      true,
    );
  });

  it("closes an account at its ceiling to every address it never signed in from", () => {
    expect(refusesSignIn({ ...clean, accountGuesses: LOGIN_ACCOUNT_CEILING - 1 })).toBe(false);
    const atCeiling = { ...clean, accountGuesses: LOGIN_ACCOUNT_CEILING };
    expect(refusingLimits(atCeiling)).toEqual([
      { counts: "account", max: LOGIN_ACCOUNT_CEILING, windowMs: LOGIN_ACCOUNT_WINDOW_MS },
    ]);
    expect(refusesSignIn({ ...atCeiling, accountGuesses: 100 * LOGIN_ACCOUNT_CEILING })).toBe(true);
  });

  it("keeps an account at its ceiling open to the addresses it signed in from, a few tries each", () => {
    const known = { ...clean, accountGuesses: 100 * LOGIN_ACCOUNT_CEILING, knownAddress: true };
    expect(refusesSignIn(known)).toBe(false);
    expect(refusesSignIn({ ...known, pairFailures: LOGIN_MAX_PER_PAIR_UNDER_ATTACK - 1 })).toBe(
      false,
    );
    expect(refusesSignIn({ ...known, pairFailures: LOGIN_MAX_PER_PAIR_UNDER_ATTACK })).toBe(true);
  });

  it("refuses a failing address only for accounts that did not sign in from it recently", () => {
    const stuffing = { ...clean, addressFailures: LOGIN_MAX_PER_ADDRESS };
    expect(refusesSignIn(stuffing)).toBe(true);
    expect(refusesSignIn({ ...stuffing, knownAddress: true })).toBe(false);
    expect(refusesSignIn({ ...clean, addressFailures: LOGIN_MAX_PER_ADDRESS - 1 })).toBe(false);
  });
});

describe("signInRetryAt", () => {
  const now = new Date("2026-06-01T01:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("is when the limit's max-th most recent failure leaves its window, the latest of all limits", () => {
    const refusing = refusingLimits({
      ...clean,
      accountGuesses: LOGIN_ACCOUNT_CEILING,
      pairFailures: LOGIN_MAX_PER_PAIR,
    });
    const retry = signInRetryAt(
      refusing,
      (limit) => (limit.counts === "account" ? ago(10 * 60 * 1000) : ago(60 * 1000)),
      now,
    );
    expect(retry).toEqual(new Date(now.getTime() - 10 * 60 * 1000 + LOGIN_ACCOUNT_WINDOW_MS));
    const pairOnly = signInRetryAt(
      refusingLimits({ ...clean, pairFailures: LOGIN_MAX_PER_PAIR }),
      () => ago(60 * 1000),
      now,
    );
    expect(pairOnly).toEqual(new Date(now.getTime() - 60 * 1000 + LOGIN_WINDOW_MS));
  });

  it("is never before now", () => {
    expect(signInRetryAt([], () => null, now)).toEqual(now);
  });
});
