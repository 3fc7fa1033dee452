import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import {
  attemptLogin,
  createPasswordResetToken,
  createSession,
  findLiveSession,
  LOGIN_MAX_PER_ACCOUNT,
  LOGIN_MAX_PER_ADDRESS,
  resetPassword,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sha256,
} from "~/models/auth.server";
import { auditLog, loginAttempts, sessions, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase();
afterAll(() => sqlite.close());

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

describe("brute-force limits", () => {
  it("lock an account after 10 failures in 15 minutes, then let it try again", async () => {
    const start = at("2026-06-01T01:00:00Z");
    for (let i = 0; i < LOGIN_MAX_PER_ACCOUNT; i++) {
      const r = await attemptLogin(
        db,
        { email: "coop@example.com", password: `bad-${i}-pass`, ip: `10.1.0.${i}` },
        start,
      );
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await attemptLogin(
      db,
      { email: "coop@example.com", password: "demo-password", ip: "10.1.1.1" },
      start,
    );
    expect(blocked).toEqual({ ok: false, reason: "rate_limited" });
    const logged = db.select().from(auditLog).where(eq(auditLog.action, "login.blocked")).all();
    expect(logged.some((entry) => entry.targetId === "coop@example.com")).toBe(true);

    const later = new Date(start.getTime() + 15 * 60 * 1000 + 1000);
    const again = await attemptLogin(
      db,
      { email: "coop@example.com", password: "demo-password", ip: "10.1.1.1" },
      later,
    );
    expect(again.ok).toBe(true);
  });

  it("lock an address after 50 failures in 15 minutes, whatever the accounts", async () => {
    const start = at("2026-06-02T01:00:00Z");
    for (let i = 0; i < LOGIN_MAX_PER_ADDRESS; i++) {
      await attemptLogin(
        db,
        { email: `nobody${i}@example.com`, password: "bad-password", ip: "10.2.0.1" },
        start,
      );
    }
    const blocked = await attemptLogin(
      db,
      { email: "office@example.com", password: "demo-password", ip: "10.2.0.1" },
      start,
    );
    expect(blocked).toEqual({ ok: false, reason: "rate_limited" });
    const elsewhere = await attemptLogin(
      db,
      { email: "office@example.com", password: "demo-password", ip: "10.2.0.2" },
      start,
    );
    expect(elsewhere.ok).toBe(true);
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

  it("gives no token for an unknown address", () => {
    expect(createPasswordResetToken(db, "ghost@example.com")).toBeNull();
  });
});
