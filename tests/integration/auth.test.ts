import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import {
  attemptLogin,
  createPasswordResetToken,
  createSession,
  findLiveSession,
  findResetToken,
  LOGIN_ACCOUNT_CEILING,
  LOGIN_ACCOUNT_WINDOW_MS,
  LOGIN_MAX_PER_ADDRESS,
  LOGIN_MAX_PER_PAIR,
  LOGIN_MAX_PER_PAIR_UNDER_ATTACK,
  LOGIN_WINDOW_MS,
  resetPassword,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sha256,
} from "~/models/auth.server";
import { formatDateTime } from "~/domain/dates";
import { hashPassword } from "~/domain/passwords";
import { ATTEMPT_RETENTION_MS, PRUNE_BATCH } from "~/models/rate-limits.server";
import en from "../../public/locales/en/common.json";
import { auditLog, loginAttempts, rateLimitHits, sessions, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

// The file the app opens too (DATABASE_PATH, set per test file), so the
// sign-in route's action can be called against the same data.
const { db, sqlite } = freshDatabase({ file: process.env.DATABASE_PATH });
afterAll(() => sqlite.close());

const DEMO = "demo-password";

const userId = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;
const at = (iso: string) => new Date(iso);

describe("passwords", () => {
  it("are stored as argon2id with 19 MiB, t=2, p=1", () => {
    const hash = db.select().from(users).where(eq(users.email, "unit@example.com")).get()!
      .passwordHash;
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("sign in with the right password, in any letter case of the email", async () => {
    const result = await attemptLogin(db, {
      email: " Unit@Example.com ",
      password: "demo-password",
      ip: "10.0.0.1",
    });
    expect(result).toEqual({ ok: true, userId: userId("unit@example.com") });
  });

  it("refuse a wrong password and an unknown account alike, and log both", async () => {
    const wrong = await attemptLogin(db, {
      email: "unit@example.com",
      password: "nope-nope",
      ip: "10.0.0.2",
    });
    const unknown = await attemptLogin(db, {
      email: "ghost@example.com",
      password: "nope-nope",
      ip: "10.0.0.2",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    const logged = db.select().from(loginAttempts).where(eq(loginAttempts.ip, "10.0.0.2")).all();
    expect(logged.map((a) => [a.email, a.succeeded])).toEqual([
      ["unit@example.com", false],
      ["ghost@example.com", false],
    ]);
  });
});

/** Sign-in attempts for one account from one address, all at once. */
function attemptsAtOnce(n: number, input: { email: string; ip: string }, now: Date) {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      attemptLogin(db, { ...input, password: `wrong-${i}-password` }, now),
    ),
  );
}

const reasons = (results: { ok: boolean; reason?: string }[]) =>
  results.map((r) => (r.ok ? "ok" : r.reason));

describe("sign-in limits", () => {
  it("let at most 10 of 40 parallel attempts on one account reach the password check", async () => {
    const now = at("2026-06-01T01:00:00Z");
    const results = await attemptsAtOnce(40, { email: "coop@example.com", ip: "10.1.0.1" }, now);
    const checked = results.filter((r) => !r.ok && r.reason === "invalid");
    expect(checked).toHaveLength(LOGIN_MAX_PER_PAIR);
    expect(reasons(results).filter((r) => r === "rate_limited")).toHaveLength(
      40 - LOGIN_MAX_PER_PAIR,
    );
    const rows = db
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, "coop@example.com"), eq(loginAttempts.ip, "10.1.0.1")))
      .all();
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => !r.blocked)).toHaveLength(LOGIN_MAX_PER_PAIR);
    expect(rows.every((r) => !r.succeeded)).toBe(true);
  });

  it("count an attempt in flight as a failure until it succeeds", async () => {
    const now = at("2026-06-01T02:00:00Z");
    const [right, ...wrong] = await Promise.all([
      attemptLogin(db, { email: "potato@example.com", password: DEMO, ip: "10.1.1.1" }, now),
      ...Array.from({ length: 30 }, (_, i) =>
        attemptLogin(
          db,
          { email: "potato@example.com", password: `bad-${i}-pass`, ip: "10.1.1.1" },
          now,
        ),
      ),
    ]);
    expect(right!.ok).toBe(true);
    // The right password was in flight, counted as a failure: 9 wrong ones got through.
    expect(reasons(wrong).filter((r) => r === "invalid")).toHaveLength(LOGIN_MAX_PER_PAIR - 1);
    const succeeded = db
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, "potato@example.com"), eq(loginAttempts.succeeded, true)))
      .all();
    expect(succeeded).toHaveLength(1);
  });

  it("refuse an attacker's address for an account, but not the right password from another", async () => {
    const start = at("2026-06-02T01:00:00Z");
    await attemptsAtOnce(
      LOGIN_MAX_PER_PAIR,
      { email: "union@example.com", ip: "10.2.0.66" },
      start,
    );
    const attacker = await attemptLogin(
      db,
      { email: "union@example.com", password: DEMO, ip: "10.2.0.66" },
      start,
    );
    expect(attacker).toMatchObject({ ok: false, reason: "rate_limited", accountCeiling: false });
    const logged = db.select().from(auditLog).where(eq(auditLog.action, "login.blocked")).all();
    expect(logged.some((entry) => entry.targetId === "union@example.com")).toBe(true);

    const owner = await attemptLogin(
      db,
      { email: "union@example.com", password: DEMO, ip: "10.2.0.1" },
      start,
    );
    expect(owner).toEqual({ ok: true, userId: userId("union@example.com") });

    // The attacker's address may try again once the window has passed.
    const later = new Date(start.getTime() + LOGIN_WINDOW_MS + 1000);
    const again = await attemptLogin(
      db,
      { email: "union@example.com", password: DEMO, ip: "10.2.0.66" },
      later,
    );
    expect(again.ok).toBe(true);
  });

  it("stop credential stuffing from a shared address, but not a person who signed in there before", async () => {
    const proxy = "10.4.0.1";
    const yesterday = at("2026-06-04T01:00:00Z");
    const now = at("2026-06-05T01:00:00Z");
    // The approver signed in through the office's proxy yesterday.
    expect(
      (
        await attemptLogin(
          db,
          { email: "approver@example.com", password: DEMO, ip: proxy },
          yesterday,
        )
      ).ok,
    ).toBe(true);
    // Someone behind the same proxy tries one password on many accounts.
    for (let i = 0; i < LOGIN_MAX_PER_ADDRESS; i++) {
      await attemptLogin(
        db,
        { email: `victim${i}@example.com`, password: "Password1", ip: proxy },
        now,
      );
    }
    const stuffer = await attemptLogin(
      db,
      { email: "unit@example.com", password: "Password1", ip: proxy },
      now,
    );
    expect(stuffer).toMatchObject({ ok: false, reason: "rate_limited" });
    // The approver, known at this address, still signs in through it.
    const approver = await attemptLogin(
      db,
      { email: "approver@example.com", password: DEMO, ip: proxy },
      now,
    );
    expect(approver).toEqual({ ok: true, userId: userId("approver@example.com") });
    // So does anyone from another address.
    expect(
      (await attemptLogin(db, { email: "unit@example.com", password: DEMO, ip: "10.4.9.9" }, now))
        .ok,
    ).toBe(true);
  });

  it("through the sign-in form: at most 10 of 40 parallel posts are checked, the rest answer 429", async () => {
    const { action } = await import("~/routes/_auth.login");
    const post = (i: number) =>
      action({
        request: new Request("http://localhost/login", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            email: "office@example.com",
            password: `wrong-${i}-password`,
          }).toString(),
        }),
        params: {},
        context: { clientIp: "10.5.0.1" },
      }) as Promise<Response>;
    const statuses = (await Promise.all(Array.from({ length: 40 }, (_, i) => post(i)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 400)).toHaveLength(LOGIN_MAX_PER_PAIR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - LOGIN_MAX_PER_PAIR);
  });
});

describe("old attempts", () => {
  it("are pruned after 30 days, a batch at a time through the index on their time", async () => {
    const now = at("2026-09-01T01:00:00Z");
    const old = new Date(now.getTime() - ATTEMPT_RETENTION_MS - 1000);
    const recent = new Date(now.getTime() - ATTEMPT_RETENTION_MS + 60_000);
    const rows = (when: Date, n: number, ip: string) =>
      Array.from({ length: n }, () => ({
        email: "old@example.com",
        ip,
        succeeded: false,
        at: when,
      }));
    db.insert(loginAttempts)
      .values(rows(old, PRUNE_BATCH + 5, "10.6.0.1"))
      .run();
    db.insert(loginAttempts)
      .values(rows(recent, 3, "10.6.0.2"))
      .run();
    db.insert(rateLimitHits)
      .values([
        { bucket: "test", key: "old", at: old },
        { bucket: "test", key: "recent", at: recent },
      ])
      .run();
    const left = (ip: string) =>
      db.select().from(loginAttempts).where(eq(loginAttempts.ip, ip)).all().length;

    await attemptLogin(
      db,
      { email: "old@example.com", password: "whatever-1", ip: "10.6.0.3" },
      now,
    );
    expect(left("10.6.0.1")).toBe(5);
    await attemptLogin(
      db,
      { email: "old@example.com", password: "whatever-2", ip: "10.6.0.3" },
      now,
    );
    expect(left("10.6.0.1")).toBe(0);
    expect(left("10.6.0.2")).toBe(3);
    expect(
      db
        .select()
        .from(rateLimitHits)
        .all()
        .map((h) => h.key),
    ).toEqual(["recent"]);

    const plan = sqlite
      .prepare(
        "explain query plan delete from login_attempts where id in (select id from login_attempts where at < ? order by at limit 100)",
      )
      .all(now.getTime()) as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toMatch(
      /USING COVERING INDEX login_attempts_at_idx/,
    );
  });
});

/**
 * A person of our own, with a password, for tests that push an account to its
 * limits. (After the pruning test, whose batch would otherwise take their rows.)
 */
async function newAccount(email: string, password: string): Promise<number> {
  return db
    .insert(users)
    .values({ email, name: email, passwordHash: await hashPassword(password) })
    .returning({ id: users.id })
    .get().id;
}

describe("the account's ceiling", () => {
  it(`closes an account to unknown addresses after ${LOGIN_ACCOUNT_CEILING} failed guesses from a botnet, until they leave the hour; its usual address still signs in`, async () => {
    const email = "ceiling@example.org";
    const password = "the owner's own password";
    const id = await newAccount(email, password);
    const yesterday = at("2026-07-01T01:00:00Z");
    const now = at("2026-07-02T01:00:00Z");
    const home = "198.51.100.10";
    expect(await attemptLogin(db, { email, password, ip: home }, yesterday)).toEqual({
      ok: true,
      userId: id,
    });

    // A botnet: three guesses from each of many addresses, never the pair limit.
    const results = [];
    for (let i = 0; i < 20; i++)
      results.push(
        ...(await attemptsAtOnce(
          LOGIN_MAX_PER_PAIR_UNDER_ATTACK,
          { email, ip: `10.9.${i}.1` },
          now,
        )),
      );
    // No more than the ceiling ever reach the password check.
    expect(reasons(results).filter((r) => r === "invalid")).toHaveLength(LOGIN_ACCOUNT_CEILING);
    expect(reasons(results).filter((r) => r === "rate_limited")).toHaveLength(
      results.length - LOGIN_ACCOUNT_CEILING,
    );

    // A new address is refused even with the right password, and told when to try again.
    const retryAt = new Date(now.getTime() + LOGIN_ACCOUNT_WINDOW_MS);
    expect(await attemptLogin(db, { email, password, ip: "10.9.200.1" }, now)).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAt,
      accountCeiling: true,
    });
    // The owner's usual address still signs in.
    expect(await attemptLogin(db, { email, password, ip: home }, now)).toEqual({
      ok: true,
      userId: id,
    });
    // Once the guesses have left the hour, any address may try again.
    const justBefore = new Date(retryAt.getTime() - 1000);
    expect(await attemptLogin(db, { email, password, ip: "10.9.201.1" }, justBefore)).toMatchObject(
      { reason: "rate_limited", accountCeiling: true },
    );
    expect(await attemptLogin(db, { email, password, ip: "10.9.201.1" }, retryAt)).toEqual({
      ok: true,
      userId: id,
    });
  });

  it("counts an IPv6 /64 as one address, and ::ffff:a.b.c.d as a.b.c.d", async () => {
    const email = "ipv6@example.org";
    const password = "the owner's own password";
    const id = await newAccount(email, password);
    const now = at("2026-07-03T01:00:00Z");
    // One host with a /64 picks a new address for every guess.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attemptLogin(
          db,
          { email, password: `guess-${i}-password`, ip: `2001:db8:77:1::${(i + 1).toString(16)}` },
          now,
        ),
      ),
    );
    expect(reasons(results).filter((r) => r === "invalid")).toHaveLength(LOGIN_MAX_PER_PAIR);
    expect(
      db
        .selectDistinct({ ip: loginAttempts.ip })
        .from(loginAttempts)
        .where(eq(loginAttempts.email, email))
        .all(),
    ).toEqual([{ ip: "2001:db8:77:1::/64" }]);

    // An IPv4 client seen through an IPv6 socket is the same client.
    await attemptsAtOnce(LOGIN_MAX_PER_PAIR, { email, ip: "198.51.100.77" }, now);
    expect(
      await attemptLogin(db, { email, password, ip: "::ffff:198.51.100.77" }, now),
    ).toMatchObject({ ok: false, reason: "rate_limited" });

    // A known /64 stays known whichever of its addresses the owner's device picks next.
    const later = at("2026-07-04T01:00:00Z");
    expect((await attemptLogin(db, { email, password, ip: "2001:db8:88:1::a" }, later)).ok).toBe(
      true,
    );
    for (let i = 0; i < LOGIN_ACCOUNT_CEILING; i++)
      await attemptLogin(db, { email, password: `guess-${i}`, ip: `10.10.${i}.1` }, later);
    expect(await attemptLogin(db, { email, password, ip: "2001:db8:88:1::b:c" }, later)).toEqual({
      ok: true,
      userId: id,
    });
  });

  it("answers 429 in the sign-in form with the time to try again, translated", async () => {
    const { action } = await import("~/routes/_auth.login");
    const email = "ceiling-form@example.org";
    const password = "the owner's own password";
    await newAccount(email, password);
    // The ceiling's worth of failed guesses, ten minutes ago.
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    db.insert(loginAttempts)
      .values(
        Array.from({ length: LOGIN_ACCOUNT_CEILING }, (_, i) => ({
          email,
          ip: `10.11.${i}.1`,
          succeeded: false,
          at: tenMinutesAgo,
        })),
      )
      .run();
    const response = (await action({
      request: new Request("http://localhost/login", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept-Language": "en",
        },
        body: new URLSearchParams({ email, password }).toString(),
      }),
      params: {},
      context: { clientIp: "10.11.200.1" },
    })) as Response;
    expect(response.status).toBe(429);
    const retryAt = new Date(tenMinutesAgo.getTime() + LOGIN_ACCOUNT_WINDOW_MS);
    expect(((await response.json()) as { alert: string }).alert).toBe(
      en.auth.login.accountCeiling.replace("{{time}}", formatDateTime(retryAt, "en")),
    );
    const retryAfter = Number(response.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(49 * 60);
    expect(retryAfter).toBeLessThanOrEqual(50 * 60);
  });
});

describe("sessions", () => {
  it("store only a hash of the cookie id", () => {
    const id = createSession(db, {
      userId: userId("unit@example.com"),
      actingOrgId: null,
      ip: "x",
      userAgent: "y",
    });
    const stored = db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, sha256(id)))
      .get();
    expect(stored).toBeDefined();
    expect(JSON.stringify(db.select().from(sessions).all())).not.toContain(id);
  });

  it("end after 30 idle minutes", () => {
    const start = at("2026-06-03T01:00:00Z");
    const id = createSession(
      db,
      { userId: userId("unit@example.com"), actingOrgId: null, ip: "", userAgent: "" },
      start,
    );
    expect(
      findLiveSession(db, id, new Date(start.getTime() + SESSION_IDLE_MS - 1000)),
    ).not.toBeNull();
    // Activity moved lastSeenAt on, so the idle clock restarts from there.
    const touched = new Date(start.getTime() + SESSION_IDLE_MS - 1000);
    expect(
      findLiveSession(db, id, new Date(touched.getTime() + SESSION_IDLE_MS - 1000)),
    ).not.toBeNull();
    const idle = new Date(touched.getTime() + 2 * SESSION_IDLE_MS);
    expect(findLiveSession(db, id, idle)).toBeNull();
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, sha256(id)))
        .get()?.endReason,
    ).toBe("idle");
  });

  it("end at their absolute lifetime even when active", () => {
    const start = at("2026-06-04T01:00:00Z");
    const id = createSession(
      db,
      { userId: userId("unit@example.com"), actingOrgId: null, ip: "", userAgent: "" },
      start,
    );
    for (let t = 0; t < SESSION_ABSOLUTE_MS; t += 20 * 60 * 1000) {
      expect(findLiveSession(db, id, new Date(start.getTime() + t))).not.toBeNull();
    }
    expect(findLiveSession(db, id, new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it("end when the account is disabled", () => {
    const id = createSession(db, {
      userId: userId("union@example.com"),
      actingOrgId: null,
      ip: "",
      userAgent: "",
    });
    sqlite.prepare("update users set status = 'disabled' where email = 'union@example.com'").run();
    expect(findLiveSession(db, id)).toBeNull();
    sqlite.prepare("update users set status = 'active' where email = 'union@example.com'").run();
    expect(findLiveSession(db, id)).toBeNull(); // ended for good
  });
});

describe("password reset", () => {
  it("works once, within the hour, and ends every session", async () => {
    const now = at("2026-06-05T01:00:00Z");
    const uid = userId("approver@example.com");
    const session = createSession(
      db,
      { userId: uid, actingOrgId: null, ip: "", userAgent: "" },
      now,
    );
    const issued = createPasswordResetToken(db, "approver@example.com", now)!;
    expect(
      await resetPassword(db, { token: issued.token, password: "new password 1", ip: "" }, now),
    ).toBe(true);
    expect(
      await resetPassword(db, { token: issued.token, password: "new password 2", ip: "" }, now),
    ).toBe(false);
    expect(findLiveSession(db, session, now)).toBeNull();
    expect(
      (
        await attemptLogin(
          db,
          { email: "approver@example.com", password: "new password 1", ip: "r" },
          now,
        )
      ).ok,
    ).toBe(true);

    const late = createPasswordResetToken(db, "approver@example.com", now)!;
    const afterAnHour = new Date(now.getTime() + 60 * 60 * 1000);
    expect(
      await resetPassword(
        db,
        { token: late.token, password: "new password 3", ip: "" },
        afterAnHour,
      ),
    ).toBe(false);
  });

  it("voids the account's other unused links when one is used", async () => {
    const now = at("2026-06-06T01:00:00Z");
    const first = createPasswordResetToken(db, "potato@example.com", now)!;
    const second = createPasswordResetToken(db, "potato@example.com", now)!;
    expect(
      await resetPassword(db, { token: second.token, password: "new password 4", ip: "" }, now),
    ).toBe(true);
    expect(findResetToken(db, first.token, now)).toBeNull();
    expect(
      await resetPassword(db, { token: first.token, password: "attacker pass", ip: "" }, now),
    ).toBe(false);
    expect(
      (
        await attemptLogin(
          db,
          { email: "potato@example.com", password: "new password 4", ip: "r" },
          now,
        )
      ).ok,
    ).toBe(true);
  });

  it("gives no token for an unknown address", () => {
    expect(createPasswordResetToken(db, "ghost@example.com")).toBeNull();
  });
});
