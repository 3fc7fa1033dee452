/**
 * Requests every protected loader and action as each demo role, as another
 * tenant and anonymously, and checks who gets in: nothing may leak.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/models/auth.server";
import { memberships, products, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db } = seeded;
afterAll(() => seeded.sqlite.close());

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type Module = { loader?: Handler; action?: Handler };
const modules: Record<string, Module> = {};
const cookies: Record<string, string> = {};

const people = ["office", "unit", "approver", "union", "coop"] as const;
type Who = (typeof people)[number] | "anonymous";

beforeAll(async () => {
  Object.assign(modules, {
    "/account": await import("~/routes/account._index"),
    "/account/members": await import("~/routes/account.members"),
    "/buyer": await import("~/routes/buyer._index"),
    "/seller": await import("~/routes/seller._index"),
    "/buyer/records": await import("~/routes/buyer.records"),
    "/office/records/import/check": await import("~/routes/office.records.import.check"),
    "/office/records/import": await import("~/routes/office.records.import"),
    "/office": await import("~/routes/office._index"),
    "/office/organisations": await import("~/routes/office.organisations"),
    "/office/ledger": await import("~/routes/office.ledger"),
    "/office/targets": await import("~/routes/office.targets"),
    "/office/complaints": await import("~/routes/office.complaints"),
    "/office/records": await import("~/routes/office.records._index"),
    "/office/exports/ledger.csv": await import("~/routes/office.exports.ledger[.csv]"),
    "/office/exports/monthly.xlsx?month=2020-06":
      await import("~/routes/office.exports.monthly[.xlsx]"),
    "/office/users": await import("~/routes/office.users"),
    "/office/audit": await import("~/routes/office.audit"),
    "/dev/mailbox": await import("~/routes/dev.mailbox"),
    "/seller/products": await import("~/routes/seller.products._index"),
    "/seller/products/new": await import("~/routes/seller.products.new"),
    "/seller/products/bulk": await import("~/routes/seller.products.bulk"),
    "/seller/products/export.csv": await import("~/routes/seller.products.export[.csv]"),
    "/seller/products/:id": await import("~/routes/seller.products.$id._index"),
    "/seller/products/:id/edit": await import("~/routes/seller.products.$id.edit"),
    "/seller/products/:id/photos": await import("~/routes/seller.products.$id.photos"),
    "/seller/products/:id/certification":
      await import("~/routes/seller.products.$id.certification"),
    "/seller/products/:id/stock": await import("~/routes/seller.products.$id.stock"),
    "/seller/orders": await import("~/routes/seller.orders._index"),
    "/office/certifications": await import("~/routes/office.certifications._index"),
    "/buyer/cart": await import("~/routes/buyer.cart"),
    "/buyer/orders": await import("~/routes/buyer.orders._index"),
    "/office/orders": await import("~/routes/office.orders._index"),
    "/account/notifications": await import("~/routes/account.notifications"),
  });
  const coopOrg = db
    .select()
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, "coop@example.com"))
    .get()!.memberships.orgId;
  const all = db.select().from(products).where(eq(products.status, "listed")).all();
  coopProductId = all.find((p) => p.sellerId === coopOrg)!.id;
  otherProductId = all.find((p) => p.sellerId !== coopOrg)!.id;
  const { sessionCookie } = await import("~/auth/session.server");
  for (const who of people) {
    const user = db
      .select()
      .from(users)
      .where(eq(users.email, `${who}@example.com`))
      .get()!;
    const membership = db.select().from(memberships).where(eq(memberships.userId, user.id)).get()!;
    const id = createSession(db, {
      userId: user.id,
      actingOrgId: membership.orgId,
      ip: "",
      userAgent: "",
    });
    cookies[who] = await sessionCookie.serialize(id);
  }
});

/** The status a person would see: 200 for data, a Response's own status, 302 for sign-in. */
/** A demo product of the 岷县 cooperative (coop@example.com) and one of another seller. */
let coopProductId = 0;
let otherProductId = 0;

/** Fills ":id" in a path with the coop's own product, as a URL and as route params. */
function resolve(path: string): { url: string; params: Record<string, string> } {
  if (!path.includes(":id")) return { url: path, params: {} };
  return { url: path.replace(":id", String(coopProductId)), params: { id: String(coopProductId) } };
}

async function outcome(
  who: Who,
  path: string,
  kind: "loader" | "action",
  form?: Record<string, string>,
  params?: Record<string, string>,
): Promise<number> {
  const headers = new Headers();
  if (who !== "anonymous") headers.set("Cookie", cookies[who]!.split(";")[0]!);
  const init: RequestInit = { headers };
  if (kind === "action") {
    init.method = "POST";
    init.body = new URLSearchParams(form ?? {});
  }
  const resolved = resolve(path);
  const request = new Request(`http://localhost${resolved.url}`, init);
  const handler = modules[path]![kind]!;
  try {
    const result = await handler({ request, params: params ?? resolved.params, context: {} });
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.status === 302)
        expect(thrown.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
      return thrown.status;
    }
    throw thrown;
  }
}

const matrix: {
  path: string;
  kind: "loader" | "action";
  form?: Record<string, string>;
  allowed: Who[];
}[] = [
  { path: "/account", kind: "loader", allowed: [...people] },
  { path: "/buyer", kind: "loader", allowed: ["unit", "approver", "union"] },
  { path: "/buyer", kind: "action", form: { threshold: "1000" }, allowed: ["approver", "union"] },
  { path: "/seller", kind: "loader", allowed: ["coop"] },
  { path: "/buyer/records", kind: "loader", allowed: ["unit", "approver", "union"] },
  { path: "/office", kind: "loader", allowed: ["office"] },
  { path: "/office/organisations", kind: "loader", allowed: ["office"] },
  { path: "/office/ledger", kind: "loader", allowed: ["office"] },
  { path: "/office/targets", kind: "loader", allowed: ["office"] },
  { path: "/office/complaints", kind: "loader", allowed: ["office"] },
  {
    path: "/office/targets",
    kind: "action",
    form: { intent: "save-pairing", jurisdictionCode: "350121", countyCode: "" },
    allowed: ["office"],
  },
  { path: "/office/records", kind: "loader", allowed: ["office"] },
  { path: "/office/exports/ledger.csv", kind: "loader", allowed: ["office"] },
  { path: "/office/exports/monthly.xlsx?month=2020-06", kind: "loader", allowed: ["office"] },
  { path: "/office/users", kind: "loader", allowed: ["office"] },
  { path: "/office/audit", kind: "loader", allowed: ["office"] },
  { path: "/account/members", kind: "loader", allowed: ["office", "approver", "union", "coop"] },
  { path: "/seller/products", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/new", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/bulk", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/export.csv", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/:id", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/:id/edit", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/:id/photos", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/:id/certification", kind: "loader", allowed: ["coop"] },
  { path: "/seller/products/:id/stock", kind: "loader", allowed: ["coop"] },
  { path: "/seller/orders", kind: "loader", allowed: ["coop"] },
  { path: "/office/certifications", kind: "loader", allowed: ["office"] },
  { path: "/buyer/cart", kind: "loader", allowed: ["unit", "approver", "union"] },
  { path: "/buyer/orders", kind: "loader", allowed: ["unit", "approver", "union"] },
  { path: "/office/orders", kind: "loader", allowed: ["office"] },
  { path: "/account/notifications", kind: "loader", allowed: [...people] },
];

describe("access matrix", () => {
  for (const row of matrix) {
    for (const who of [...people, "anonymous"] as Who[]) {
      const expected = who === "anonymous" ? 302 : row.allowed.includes(who) ? 200 : 403;
      it(`${row.kind} ${row.path} as ${who} → ${expected}`, async () => {
        expect(await outcome(who, row.path, row.kind, row.form)).toBe(expected);
      });
    }
  }

  it("office actions refuse everyone but the office", async () => {
    const pending = { intent: "approve", orgId: "1" };
    const user = { intent: "end-sessions", userId: "1" };
    for (const who of ["unit", "approver", "union", "coop"] as const) {
      expect(await outcome(who, "/office/organisations", "action", pending)).toBe(403);
      expect(await outcome(who, "/office/users", "action", user)).toBe(403);
      expect(await outcome(who, "/office/records/import/check", "action", {})).toBe(403);
      expect(
        await outcome(who, "/office/records/import", "action", {
          intent: "verify-batch",
          batch: "x",
        }),
      ).toBe(403);
    }
    expect(await outcome("anonymous", "/office/organisations", "action", pending)).toBe(302);
  });

  it("seller and buyer actions refuse people of the other side and the office", async () => {
    const stock = { direction: "add", quantity: "1", reason: "x" };
    for (const who of ["office", "unit", "approver", "union"] as const) {
      expect(await outcome(who, "/seller/products/new", "action", { nameZh: "x" })).toBe(403);
      expect(await outcome(who, "/seller/products/:id/stock", "action", stock)).toBe(403);
      expect(await outcome(who, "/seller/products/:id", "action", { intent: "pause" })).toBe(403);
    }
    for (const who of ["office", "coop"] as const) {
      const add = { intent: "add", productId: String(otherProductId), qty: "1" };
      expect(await outcome(who, "/buyer/cart", "action", add)).toBe(403);
    }
    expect(
      await outcome("unit", "/office/certifications", "action", {
        intent: "approve",
        certificationId: "1",
      }),
    ).toBe(403);
  });

  it("the dev mailbox does not exist unless DEV_MAILBOX is set", async () => {
    expect(await outcome("office", "/dev/mailbox", "loader")).toBe(404);
  });
});

describe("tenant isolation", () => {
  it("a seller cannot open or change another seller's product: 404, and nothing changes", async () => {
    const other = { id: String(otherProductId) };
    const before = db.select().from(products).where(eq(products.id, otherProductId)).get();
    for (const page of [
      "/seller/products/:id",
      "/seller/products/:id/edit",
      "/seller/products/:id/stock",
      "/seller/products/:id/photos",
      "/seller/products/:id/certification",
    ]) {
      expect(await outcome("coop", page, "loader", undefined, other), page).toBe(404);
    }
    expect(
      await outcome(
        "coop",
        "/seller/products/:id/stock",
        "action",
        { direction: "remove", quantity: "1", reason: "x" },
        other,
      ),
    ).toBe(404);
    expect(
      await outcome("coop", "/seller/products/:id", "action", { intent: "pause" }, other),
    ).toBe(404);
    expect(db.select().from(products).where(eq(products.id, otherProductId)).get()).toEqual(before);
  });

  it("an admin cannot decide another organisation's membership: 404, and nothing changes", async () => {
    // A person asks to join the Taijiang union; the Gulou approver tries to approve it.
    const joiner = db
      .insert(users)
      .values({ email: "joiner@example.com", name: "J", passwordHash: "x" })
      .returning()
      .get();
    const union = db
      .select()
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "union@example.com"))
      .get()!;
    const request = db
      .insert(memberships)
      .values({ userId: joiner.id, orgId: union.memberships.orgId, role: "purchaser" })
      .returning()
      .get();
    const form = { intent: "approve", membershipId: String(request.id) };
    expect(await outcome("approver", "/account/members", "action", form)).toBe(404);
    expect(db.select().from(memberships).where(eq(memberships.id, request.id)).get()?.status).toBe(
      "pending",
    );
    expect(await outcome("union", "/account/members", "action", form)).toBe(200);
    expect(db.select().from(memberships).where(eq(memberships.id, request.id)).get()?.status).toBe(
      "approved",
    );
  });

  it("nobody can act for an organisation they do not belong to", async () => {
    const gulou = db
      .select()
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "unit@example.com"))
      .get()!;
    const switchTo = { intent: "switch", orgId: String(gulou.memberships.orgId) };
    expect(await outcome("coop", "/account", "action", switchTo)).toBe(404);
    expect(await outcome("unit", "/account", "action", switchTo)).toBe(303);
  });

  it("a purchaser cannot change the approval threshold", async () => {
    expect(await outcome("unit", "/buyer", "action", { threshold: "1" })).toBe(403);
  });
});

describe("role changes", () => {
  it("an admin changes a member's role within the side, audited; never their own, never another tenant's", async () => {
    const unit = db
      .select()
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "unit@example.com"))
      .get()!;
    const approver = db
      .select()
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "approver@example.com"))
      .get()!;
    const promote = {
      intent: "change-role",
      membershipId: String(unit.memberships.id),
      role: "approver",
    };
    expect(await outcome("union", "/account/members", "action", promote)).toBe(404);
    expect(
      await outcome("approver", "/account/members", "action", { ...promote, role: "seller_admin" }),
    ).toBe(404);
    expect(
      await outcome("approver", "/account/members", "action", {
        ...promote,
        membershipId: String(approver.memberships.id),
        role: "purchaser",
      }),
    ).toBe(404);
    expect(await outcome("approver", "/account/members", "action", promote)).toBe(200);
    expect(
      db.select().from(memberships).where(eq(memberships.id, unit.memberships.id)).get()?.role,
    ).toBe("approver");
    const audit = seeded.sqlite
      .prepare(
        "select old_value, new_value from audit_log where action = 'membership.role_changed'",
      )
      .get();
    expect(audit).toEqual({ old_value: '{"role":"purchaser"}', new_value: '{"role":"approver"}' });
  });
});
