import { describe, expect, it } from "vitest";
import {
  LOGIN_MAX_PER_ACCOUNT,
  LOGIN_MAX_PER_ADDRESS,
  LOGIN_MAX_PER_PAIR,
  LOGIN_MAX_PER_PAIR_UNDER_ATTACK,
  refusesSignIn,
  type SignInCounts,
} from "~/domain/sign-in-limits";

const clean: SignInCounts = {
  pairFailures: 0,
  accountFailures: 0,
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

  it("never refuses a clean address for an account however many others fail for it", () => {
    expect(refusesSignIn({ ...clean, accountFailures: 100 * LOGIN_MAX_PER_ACCOUNT })).toBe(false);
    const underAttack = { ...clean, accountFailures: LOGIN_MAX_PER_ACCOUNT };
    expect(
      refusesSignIn({ ...underAttack, pairFailures: LOGIN_MAX_PER_PAIR_UNDER_ATTACK - 1 }),
    ).toBe(false);
    expect(refusesSignIn({ ...underAttack, pairFailures: LOGIN_MAX_PER_PAIR_UNDER_ATTACK })).toBe(
      true,
    );
  });

  it("refuses a failing address only for accounts that did not sign in from it recently", () => {
    const stuffing = { ...clean, addressFailures: LOGIN_MAX_PER_ADDRESS };
    expect(refusesSignIn(stuffing)).toBe(true);
    expect(refusesSignIn({ ...stuffing, knownAddress: true })).toBe(false);
    expect(refusesSignIn({ ...clean, addressFailures: LOGIN_MAX_PER_ADDRESS - 1 })).toBe(false);
  });
});
