/**
 * When a sign-in is refused before its password is checked. The limits are
 * built so that an attacker cannot lock a real person out:
 *
 * - the hard limit is per account *and* address: failing for someone else's
 *   account from your own address only stops your address;
 * - an address failing across many accounts (credential stuffing) is refused
 *   for every account except those that signed in from it recently, so an
 *   office behind one shared address keeps working while someone there
 *   guesses;
 * - an account failing from many addresses (a botnet) gets a ceiling that
 *   tightens the limit only for the addresses that have failed for it: the
 *   right password from a clean address still signs in.
 *
 * No I/O: `attemptLogin` counts the attempts and asks `refusesSignIn`.
 */

/** The sliding window the failures are counted in. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures of one account from one address within the window: that pair is refused. */
export const LOGIN_MAX_PER_PAIR = 10;
/** Failures from one address across all accounts: it is refused for accounts it does not know. */
export const LOGIN_MAX_PER_ADDRESS = 50;
/** How long a successful sign-in makes its address known for that account. */
export const LOGIN_KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;
/** Failures of one account across all addresses: the account is under attack. */
export const LOGIN_MAX_PER_ACCOUNT = 50;
/** While an account is under attack, how many failures each address may have for it. */
export const LOGIN_MAX_PER_PAIR_UNDER_ATTACK = 3;

/** Failures within the window (attempts in flight count as failures until they succeed). */
export interface SignInCounts {
  /** This account from this address. */
  pairFailures: number;
  /** This account from every address. */
  accountFailures: number;
  /** This address for every account. */
  addressFailures: number;
  /** Whether this account signed in from this address within LOGIN_KNOWN_ADDRESS_MS. */
  knownAddress: boolean;
}

export function refusesSignIn(counts: SignInCounts): boolean {
  if (counts.pairFailures >= LOGIN_MAX_PER_PAIR) return true;
  if (
    counts.accountFailures >= LOGIN_MAX_PER_ACCOUNT &&
    counts.pairFailures >= LOGIN_MAX_PER_PAIR_UNDER_ATTACK
  )
    return true;
  return counts.addressFailures >= LOGIN_MAX_PER_ADDRESS && !counts.knownAddress;
}
