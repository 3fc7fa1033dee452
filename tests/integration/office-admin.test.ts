/**
 * A real deployment starts from reference data only and creates its first
 * office administrator from the command line: no known password at any
 * moment, a one-time link to set one.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attemptLogin, resetPassword } from "~/models/auth.server";
import { createOfficeAdmin } from "~/models/office-admin.server";
import { memberships, organisations, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase({ demo: false });
afterAll(() => sqlite.close());

const office = {
  nameZh: "福州市消费扶贫协调办公室",
  nameEn: "Coordination office",
  creditCode: "",
};

describe("npm run admin:create", () => {
  it("starts from reference data only: no accounts, no office", () => {
    expect(db.select().from(users).all()).toEqual([]);
    expect(db.select().from(organisations).all()).toEqual([]);
  });

  it("needs the office's details and a valid credit code on an empty database", async () => {
    expect(await createOfficeAdmin(db, { email: "li@example.gov.cn", name: "李四" })).toEqual({
      ok: false,
      reason: "office_needed",
    });
    expect(
      await createOfficeAdmin(db, {
        email: "li@example.gov.cn",
        name: "李四",
        office: { ...office, creditCode: "11350100MB0000000X" },
      }),
    ).toEqual({ ok: false, reason: "bad_credit_code" });
    expect(db.select().from(users).all()).toEqual([]);
  });

  it("creates the admin with no usable password and a one-time link to set one", async () => {
    const { creditCodeCheckCharacter } = await import("~/domain/credit-code");
    const body = "11350100MB0000001";
    const result = await createOfficeAdmin(db, {
      email: "Li@Example.gov.cn",
      name: "李四",
      office: { ...office, creditCode: body + creditCodeCheckCharacter(body) },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.createdOrganisation).toBe(true);
    const membership = db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, result.userId))
      .get()!;
    expect(membership).toMatchObject({ role: "office_admin", status: "approved" });
    // Nothing anyone knows signs in.
    for (const password of ["demo-password", "", result.token])
      expect(
        (await attemptLogin(db, { email: "li@example.gov.cn", password, ip: "198.51.100.1" })).ok,
      ).toBe(false);
    expect(
      await resetPassword(db, {
        token: result.token,
        password: "a password of my own",
        ip: "198.51.100.1",
      }),
    ).toBe(true);
    expect(
      await attemptLogin(db, {
        email: "li@example.gov.cn",
        password: "a password of my own",
        ip: "198.51.100.2",
      }),
    ).toMatchObject({ ok: true, userId: result.userId });
    // The link works once.
    expect(await resetPassword(db, { token: result.token, password: "another one!", ip: "" })).toBe(
      false,
    );
  });

  it("adds a second admin to the existing office and refuses a taken e-mail", async () => {
    const second = await createOfficeAdmin(db, { email: "wang@example.gov.cn", name: "王五" });
    expect(second).toMatchObject({ ok: true, createdOrganisation: false });
    expect(await createOfficeAdmin(db, { email: "wang@example.gov.cn", name: "王五" })).toEqual({
      ok: false,
      reason: "email_taken",
    });
  });
});
