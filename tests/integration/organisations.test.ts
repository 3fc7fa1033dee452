import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import type { OrganisationApplication } from "~/domain/organisation-forms";
import {
  FormRefusal,
  isActive,
  listMemberships,
  requestMembership,
  reviewOrganisation,
  signUpToJoin,
  signUpWithOrganisation,
} from "~/models/organisations.server";
import { auditLog, organisations, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase();
afterAll(() => sqlite.close());

const code = (body: string) => body + creditCodeCheckCharacter(body);
const person = (email: string) => ({
  name: "测试",
  email,
  phone: "13800000000",
  password: "password123",
});
const coop = (creditCode: string): OrganisationApplication => ({
  side: "seller",
  type: "cooperative",
  orgName: "测试合作社",
  creditCode,
  countyCode: "621122",
  parentCreditCode: undefined,
  contactName: "测试",
  contactPhone: "0932-1234567",
  address: "陇西县",
  bankName: "银行",
  bankAccountName: "测试合作社",
  bankAccountNumber: "6217000012345678",
  mechanism: "wage",
  peopleLifted: 30,
});
const office = { userId: 1, orgId: null, ip: "127.0.0.1" };

describe("registration", () => {
  it("creates the person, a pending organisation and an admin membership that is not yet usable", async () => {
    const { userId, orgId } = await signUpWithOrganisation(db, {
      person: person("a@example.com"),
      org: coop(code("93621122MA7T00001")),
      ip: "1.2.3.4",
    });
    const [membership] = listMemberships(db, userId);
    expect(membership).toMatchObject({
      orgId,
      role: "seller_admin",
      status: "approved",
      orgStatus: "pending",
    });
    expect(isActive(membership!)).toBe(false);
    const audit = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "organisation.applied"))
      .all();
    expect(audit.at(-1)).toMatchObject({
      actorUserId: userId,
      targetId: String(orgId),
      ip: "1.2.3.4",
    });
  });

  it("refuses a credit code already registered, and leaves no half-made account", async () => {
    const taken = code("93621122MA7T00001");
    await expect(
      signUpWithOrganisation(db, { person: person("b@example.com"), org: coop(taken), ip: "" }),
    ).rejects.toEqual(new FormRefusal("creditCode", "forms.creditCodeTaken"));
    expect(db.select().from(users).where(eq(users.email, "b@example.com")).get()).toBeUndefined();
  });

  it("refuses an email that already has an account", async () => {
    await expect(
      signUpWithOrganisation(db, {
        person: person("unit@example.com"),
        org: coop(code("93621122MA7T00002")),
        ip: "",
      }),
    ).rejects.toMatchObject({ field: "email", messageKey: "forms.emailTaken" });
  });

  it("links a trade union to its parent budget unit", async () => {
    const parent = db
      .select()
      .from(organisations)
      .where(eq(organisations.type, "budget_unit"))
      .get()!;
    const { orgId } = await signUpWithOrganisation(db, {
      person: person("union2@example.com"),
      org: {
        ...coop(code("81350102MB0T00009")),
        side: "buyer",
        type: "trade_union",
        jurisdictionCode: "350102",
        countyCode: undefined,
        parentCreditCode: parent.creditCode,
        peopleLifted: 0,
      },
      ip: "",
    });
    expect(db.select().from(organisations).where(eq(organisations.id, orgId)).get()?.parentId).toBe(
      parent.id,
    );
  });
});

describe("the office's review", () => {
  it("approves a pending organisation once, and keeps a rejection's reason", async () => {
    const { orgId: approved } = await signUpWithOrganisation(db, {
      person: person("c@example.com"),
      org: coop(code("93621122MA7T00003")),
      ip: "",
    });
    expect(
      reviewOrganisation(db, { orgId: approved, decision: "approve", reason: "", actor: office }),
    ).toBe(true);
    expect(
      reviewOrganisation(db, {
        orgId: approved,
        decision: "reject",
        reason: "late",
        actor: office,
      }),
    ).toBe(false);

    const { orgId: rejected, userId } = await signUpWithOrganisation(db, {
      person: person("d@example.com"),
      org: coop(code("93621122MA7T00004")),
      ip: "",
    });
    reviewOrganisation(db, {
      orgId: rejected,
      decision: "reject",
      reason: "证照不清",
      actor: office,
    });
    expect(listMemberships(db, userId)[0]).toMatchObject({
      orgStatus: "rejected",
      orgRejectReason: "证照不清",
    });
  });
});

describe("joining", () => {
  it("asks to join an approved organisation in a role of its side only", async () => {
    const gulou = db
      .select()
      .from(organisations)
      .where(eq(organisations.type, "budget_unit"))
      .get()!;
    await expect(
      signUpToJoin(db, {
        person: person("e@example.com"),
        creditCode: gulou.creditCode,
        role: "seller_staff",
        ip: "",
      }),
    ).rejects.toMatchObject({ field: "role" });
    const { userId } = await signUpToJoin(db, {
      person: person("f@example.com"),
      creditCode: gulou.creditCode,
      role: "purchaser",
      ip: "",
    });
    expect(listMemberships(db, userId)[0]).toMatchObject({
      status: "pending",
      orgStatus: "approved",
    });
    expect(() =>
      requestMembership(db, { userId, creditCode: gulou.creditCode, role: "purchaser", ip: "" }),
    ).toThrow(FormRefusal);
  });

  it("cannot join an organisation that is not approved", async () => {
    const pending = db
      .select()
      .from(organisations)
      .where(eq(organisations.status, "pending"))
      .get()!;
    await expect(
      signUpToJoin(db, {
        person: person("g@example.com"),
        creditCode: pending.creditCode,
        role: "seller_staff",
        ip: "",
      }),
    ).rejects.toMatchObject({ field: "joinCreditCode", messageKey: "forms.orgUnknown" });
  });
});
