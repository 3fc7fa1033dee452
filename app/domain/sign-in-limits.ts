/**
 * When a sign-in is refused before its password is checked. The limits are
 * built so that an attacker cannot lock a real person out of the places they
 * sign in from, and so that no number of addresses buys unlimited guesses:
 *
 * - the hard limit is per account *and* address: failing for someone else's
 *   account from your own address only stops your address;
 * - an address failing across many accounts (credential stuffing) is refused
 *   for every account except those that signed in from it recently, so an
 *   office behind one shared address keeps working while someone there
 *   guesses;
 * - an account has a ceiling of guesses from addresses it has never signed in
 *   from: once LOGIN_ACCOUNT_CEILING passwords have been checked and failed
 *   for it within LOGIN_ACCOUNT_WINDOW_MS, from anywhere, every unknown
 *   address is refused until the oldest of them leaves the window. A botnet
 *   thus gets at most 50 guesses an hour (1,200 a day) however many addresses
 *   it has, while the owner still signs in from where they signed in before
 *   (each such known address limited to LOGIN_MAX_PER_PAIR_UNDER_ATTACK
 *   failures while the ceiling is reached).
 *
 * Addresses are counted as `addressForLimits` gives them (an IPv6 /64 is one
 * address). No I/O: `attemptLogin` counts the attempts and asks
 * `refusingLimits`, then asks the database when each refusal ends.
 */

/** The sliding window the per-address and per-pair failures are counted in. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures of one account from one address within the window: that pair is refused. */
export const LOGIN_MAX_PER_PAIR = 10;
/** Failures from one address across all accounts: it is refused for accounts it does not know. */
export const LOGIN_MAX_PER_ADDRESS = 50;
/** How long a successful sign-in makes its address known for that account. */
export const LOGIN_KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;
/** Failed password checks of one account, from every address, that close it to unknown addresses. */
export const LOGIN_ACCOUNT_CEILING = 50;
/** The sliding window the account's ceiling is counted in. */
export const LOGIN_ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
/** While an account is at its ceiling, how many failures each known address may have for it. */
export const LOGIN_MAX_PER_PAIR_UNDER_ATTACK = 3;

/** Failures within their windows (attempts in flight count as failures until they succeed). */
export interface SignInCounts {
  /** This account from this address, refused attempts included (LOGIN_WINDOW_MS). */
  pairFailures: number;
  /** This account from every address, only attempts whose password was checked (LOGIN_ACCOUNT_WINDOW_MS). */
  accountGuesses: number;
  /** This address for every account, refused attempts included (LOGIN_WINDOW_MS). */
  addressFailures: number;
  /** Whether this account signed in from this address within LOGIN_KNOWN_ADDRESS_MS. */
  knownAddress: boolean;
}

/**
 * A limit that refuses: which failures it counts, how many and over what
 * window, so the caller can say when it ends (when the max-th most recent
 * of those failures leaves the window).
 */
export interface SignInLimit {
  counts: "pair" | "account" | "address";
  max: number;
  windowMs: number;
}

const PAIR: SignInLimit = { counts: "pair", max: LOGIN_MAX_PER_PAIR, windowMs: LOGIN_WINDOW_MS };
const PAIR_UNDER_ATTACK: SignInLimit = {
  counts: "pair",
  max: LOGIN_MAX_PER_PAIR_UNDER_ATTACK,
  windowMs: LOGIN_WINDOW_MS,
};
const ACCOUNT_CEILING: SignInLimit = {
  counts: "account",
  max: LOGIN_ACCOUNT_CEILING,
  windowMs: LOGIN_ACCOUNT_WINDOW_MS,
};
const ADDRESS: SignInLimit = {
  counts: "address",
  max: LOGIN_MAX_PER_ADDRESS,
  windowMs: LOGIN_WINDOW_MS,
};

/** Every limit that refuses this sign-in; empty when the password may be checked. */
export function refusingLimits(counts: SignInCounts): SignInLimit[] {
  const refusing: SignInLimit[] = [];
  const underAttack = counts.accountGuesses >= LOGIN_ACCOUNT_CEILING;
  if (counts.pairFailures >= LOGIN_MAX_PER_PAIR) refusing.push(PAIR);
  else if (underAttack && counts.pairFailures >= LOGIN_MAX_PER_PAIR_UNDER_ATTACK)
    refusing.push(PAIR_UNDER_ATTACK);
  if (underAttack && !counts.knownAddress) refusing.push(ACCOUNT_CEILING);
  if (counts.addressFailures >= LOGIN_MAX_PER_ADDRESS && !counts.knownAddress)
    refusing.push(ADDRESS);
  return refusing;
}

export function refusesSignIn(counts: SignInCounts): boolean {
  return refusingLimits(counts).length > 0;
}

/**
 * When a refused sign-in may be tried again: every refusing limit must have
 * ended. `nthRecent(limit)` is the time of the limit.max-th most recent
 * failure it counts (null when there are fewer).
 */
export function signInRetryAt(
  refusing: SignInLimit[],
  nthRecent: (limit: SignInLimit) => Date | null,
  now: Date,
): Date {
  let retry = now.getTime();
  for (const limit of refusing) {
    const at = nthRecent(limit);
    if (at) retry = Math.max(retry, at.getTime() + limit.windowMs);
  }
  return new Date(retry);
}
