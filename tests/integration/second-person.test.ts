/**
 * Steps that change where or whether money counts need a second person:
 * a unit's approval amount, and a trade union's parent unit. Real SQLite.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decideThresholdChange,
  pendingThresholdChange,
  requestThresholdChange,
  withdrawThresholdChange,
} from "~/models/threshold-changes.server";
import { decideUnionParent, listUnconfirmedParents } from "~/models/union-parents.server";
import { createRecord, verifyRecord } from "~/models/records.server";
import {
  auditLog,
  ledgerEntries,
  memberships,
  organisations,
  thresholdChanges,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase();
afterAll(() => sqlite.close());

let unit: number;
let adminA: number;
let adminB: number;
let officeUser: number;
let officeOrg: number;
let verifierUser: number;

function newUser(email: string): number {
  return db
    .insert(users)
    .values({ email, name: email, passwordHash: "x" })
    .returning({ id: users.id })
    .get().id;
}

beforeAll(() => {
  unit = db
    .insert(organisations)
    .values({
      side: "buyer",
      type: "budget_unit",
      nameZh: "第二人测试单位",
      creditCode: "12350102TEST00009X",
      jurisdictionCode: "350102",
      status: "approved",
      approvalThresholdFen: 5_000_00,
    })
    .returning({ id: organisations.id })
    .get().id;
  adminA = newUser("admin-a@example.org");
  adminB = newUser("admin-b@example.org");
  db.insert(memberships)
    .values([
      { userId: adminA, orgId: unit, role: "approver", status: "approved" },
      { userId: adminB, orgId: unit, role: "approver", status: "approved" },
    ])
    .run();
  officeUser = db.select().from(users).where(eq(users.email, "office@example.com")).get()!.id;
  verifierUser = db.select().from(users).where(eq(users.email, "verifier@example.com")).get()!.id;
  officeOrg = db.select().from(organisations).where(eq(organisations.side, "office")).get()!.id;
});

const threshold = () =>
  db.select().from(organisations).where(eq(organisations.id, unit)).get()!.approvalThresholdFen;
const as = (userId: number, orgId = unit) => ({ userId, orgId, ip: "198.51.100.9" });

describe("a unit's approval amount", () => {
  it("does not change when one admin asks, nor when that admin confirms it", () => {
    const asked = requestThresholdChange(db, { newFen: 50_000_00, actor: as(adminA) });
    expect(asked.ok).toBe(true);
    expect(threshold()).toBe(5_000_00);
    const id = pendingThresholdChange(db, unit)!.id;
    for (const by of ["unit", "office"] as const)
      expect(decideThresholdChange(db, { id, decision: "approve", by, actor: as(adminA) })).toEqual(
        { ok: false, reason: "own_request" },
      );
    expect(threshold()).toBe(5_000_00);
  });

  it("changes when another admin of the unit confirms, audited with old and new values", () => {
    const id = pendingThresholdChange(db, unit)!.id;
    expect(
      decideThresholdChange(db, { id, decision: "approve", by: "unit", actor: as(adminB) }),
    ).toEqual({ ok: true, id });
    expect(threshold()).toBe(50_000_00);
    const audit = db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "organisation.threshold_set"), eq(auditLog.targetId, String(unit))),
      )
      .orderBy(desc(auditLog.id))
      .get()!;
    expect(audit.oldValue).toEqual({ approvalThresholdFen: 5_000_00 });
    expect(audit.newValue).toMatchObject({
      approvalThresholdFen: 50_000_00,
      requestedBy: adminA,
      decidedBy: adminB,
    });
    expect(audit.actorUserId).toBe(adminB);
  });

  it("an admin of another unit cannot decide it; the office can, or decline it", () => {
    requestThresholdChange(db, { newFen: null, actor: as(adminB) });
    const id = pendingThresholdChange(db, unit)!.id;
    const otherUnit = db.select().from(organisations).where(eq(organisations.side, "buyer")).get()!
      .id;
    expect(
      decideThresholdChange(db, {
        id,
        decision: "approve",
        by: "unit",
        actor: as(adminA, otherUnit),
      }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(
      decideThresholdChange(db, {
        id,
        decision: "reject",
        by: "office",
        reason: "请说明理由",
        actor: as(officeUser, officeOrg),
      }),
    ).toEqual({ ok: true, id });
    expect(threshold()).toBe(50_000_00);
    requestThresholdChange(db, { newFen: null, actor: as(adminB) });
    const again = pendingThresholdChange(db, unit)!.id;
    decideThresholdChange(db, {
      id: again,
      decision: "approve",
      by: "office",
      actor: as(officeUser, officeOrg),
    });
    expect(threshold()).toBeNull();
  });

  it("a request can be withdrawn only by whoever made it; a new one replaces the old", () => {
    requestThresholdChange(db, { newFen: 1_000_00, actor: as(adminA) });
    const first = pendingThresholdChange(db, unit)!.id;
    requestThresholdChange(db, { newFen: 2_000_00, actor: as(adminA) });
    const second = pendingThresholdChange(db, unit)!;
    expect(second.id).not.toBe(first);
    expect(second.newFen).toBe(2_000_00);
    expect(
      db.select().from(thresholdChanges).where(eq(thresholdChanges.id, first)).get()!.status,
    ).toBe("withdrawn");
    expect(withdrawThresholdChange(db, { id: second.id, actor: as(adminB) }).ok).toBe(false);
    expect(withdrawThresholdChange(db, { id: second.id, actor: as(adminA) }).ok).toBe(true);
    expect(pendingThresholdChange(db, unit)).toBeNull();
  });

  it("the database refuses a decision by the person who asked", () => {
    expect(() =>
      db
        .insert(thresholdChanges)
        .values({
          orgId: unit,
          newFen: 1,
          requestedBy: adminA,
          requestedAt: new Date(),
          status: "approved",
          decidedBy: adminA,
        })
        .run(),
    ).toThrow(/CHECK constraint/);
  });
});

describe("a trade union's parent unit", () => {
  let union: number;
  const countFor = (invoiceNumber: string) => {
    const seller = db.select().from(organisations).where(eq(organisations.side, "seller")).get()!;
    const id = createRecord(db, {
      record: {
        buyerName: "测试工会",
        buyerType: "trade_union",
        jurisdictionCode: "350103",
        sellerOrgId: seller.id,
        countyCode: seller.countyCode!,
        productDescription: "当归",
        amount: 10_000_00,
        saleDate: "2026-03-01",
        kind: "purchase",
        channel: "offline",
        certified: true,
        invoiceNumber,
        contractRef: "",
      },
      evidence: { key: "u.pdf", type: "application/pdf", sha256: invoiceNumber },
      actor: as(officeUser, officeOrg),
      buyerOrgId: union,
    });
    const result = verifyRecord(db, { recordId: id, actor: as(verifierUser, officeOrg) });
    if (!result.ok) throw new Error(result.reason);
    return db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, result.seq!)).get()!;
  };

  beforeAll(() => {
    union = db
      .insert(organisations)
      .values({
        side: "buyer",
        type: "trade_union",
        nameZh: "测试工会",
        creditCode: "81350103TEST0001X",
        jurisdictionCode: "350103",
        parentId: unit,
        status: "approved",
      })
      .returning({ id: organisations.id })
      .get().id;
  });

  it("counts under the union itself until the parent confirms the link", () => {
    expect(listUnconfirmedParents(db, unit).map((u) => u.unionId)).toEqual([union]);
    expect(countFor("U-1").statsOrgId).toBe(union);
  });

  it("another unit's admin cannot confirm it; the parent's admin can, and then it counts there", () => {
    const otherUnit = db.select().from(organisations).where(eq(organisations.side, "buyer")).get()!
      .id;
    expect(
      decideUnionParent(db, {
        unionId: union,
        decision: "confirm",
        by: "parent",
        actor: as(adminA, otherUnit),
      }),
    ).toBe(false);
    expect(countFor("U-2").statsOrgId).toBe(union);
    expect(
      decideUnionParent(db, {
        unionId: union,
        decision: "confirm",
        by: "parent",
        actor: as(adminA),
      }),
    ).toBe(true);
    expect(listUnconfirmedParents(db, unit)).toEqual([]);
    expect(countFor("U-3").statsOrgId).toBe(unit);
  });

  it("the office can refuse a link, and the union then counts on its own", () => {
    const other = db
      .insert(organisations)
      .values({
        side: "buyer",
        type: "trade_union",
        nameZh: "冒名工会",
        creditCode: "81350103TEST0002X",
        jurisdictionCode: "350103",
        parentId: unit,
        status: "approved",
      })
      .returning({ id: organisations.id })
      .get().id;
    expect(
      decideUnionParent(db, {
        unionId: other,
        decision: "refuse",
        by: "office",
        actor: as(officeUser, officeOrg),
      }),
    ).toBe(true);
    const row = db.select().from(organisations).where(eq(organisations.id, other)).get()!;
    expect(row.parentId).toBeNull();
    expect(row.parentConfirmedAt).toBeNull();
  });
});
