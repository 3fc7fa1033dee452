import { describe, expect, it } from "vitest";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import { parseForm } from "~/domain/forms";
import {
  organisationSchema,
  resetSchema,
  signupNewOrganisationSchema,
} from "~/domain/organisation-forms";
import { roleHasPermission, rolesForSide, typesForSide } from "~/domain/permissions";

const code = (body: string) => body + creditCodeCheckCharacter(body);
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

const buyer = {
  side: "buyer",
  type: "budget_unit",
  orgName: "福州市测试局",
  creditCode: code("11350102MB0T00001"),
  jurisdictionCode: "350102",
  contactName: "张三",
  contactPhone: "0591-12345678",
  address: "福州市鼓楼区",
};
const seller = {
  ...buyer,
  side: "seller",
  type: "cooperative",
  creditCode: code("93621126MA7T00001"),
  jurisdictionCode: "",
  countyCode: "621126",
  bankName: "岷县农商银行",
  bankAccountName: "测试合作社",
  bankAccountNumber: "6217 0000 1234 5678",
  mechanism: "wage",
  peopleLifted: "45",
};

describe("organisation application", () => {
  it("accepts a complete buyer and a complete seller", () => {
    expect(parseForm(organisationSchema, form(buyer)).ok).toBe(true);
    const parsed = parseForm(organisationSchema, form(seller));
    expect(parsed.ok && parsed.data).toMatchObject({
      peopleLifted: 45,
      bankAccountNumber: "6217000012345678",
    });
  });

  it("names the credit-code problem with its values", () => {
    const wrong = {
      ...buyer,
      creditCode: buyer.creditCode.slice(0, 17) + (buyer.creditCode.endsWith("0") ? "1" : "0"),
    };
    const parsed = parseForm(organisationSchema, form(wrong));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.fieldErrors.creditCode?.[0]).toMatch(
        /^forms\.creditCode\.check\|\{"expected":"/,
      );
    const short = parseForm(organisationSchema, form({ ...buyer, creditCode: "1135" }));
    if (!short.ok)
      expect(short.fieldErrors.creditCode).toEqual(['forms.creditCode.length|{"length":4}']);
  });

  it("requires what each side needs", () => {
    const noPlace = parseForm(organisationSchema, form({ ...buyer, jurisdictionCode: "" }));
    expect(!noPlace.ok && noPlace.fieldErrors.jurisdictionCode).toEqual(["forms.choose"]);
    const sellerGaps = parseForm(
      organisationSchema,
      form({ ...seller, bankAccountNumber: "12", peopleLifted: "many" }),
    );
    expect(!sellerGaps.ok && Object.keys(sellerGaps.fieldErrors).sort()).toEqual([
      "bankAccountNumber",
      "peopleLifted",
    ]);
    const union = parseForm(organisationSchema, form({ ...buyer, type: "trade_union" }));
    expect(!union.ok && union.fieldErrors.parentCreditCode).toEqual(["forms.parentRequired"]);
    const mismatch = parseForm(organisationSchema, form({ ...buyer, type: "cooperative" }));
    expect(!mismatch.ok && mismatch.fieldErrors.type).toEqual(["forms.typeForSide"]);
  });

  it("checks the person too, and never echoes the password", () => {
    const parsed = parseForm(
      signupNewOrganisationSchema,
      form({ ...buyer, name: "李四", email: "not-an-email", phone: "x", password: "short" }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.fieldErrors.email).toEqual(["forms.email"]);
      expect(parsed.fieldErrors.phone).toEqual(["forms.phone"]);
      expect(parsed.fieldErrors.password).toEqual(["forms.passwordShort"]);
      expect(parsed.values.password).toBe("");
    }
  });

  it("accepts any password of 8 to 128 characters, with no composition rules", () => {
    const ok = (password: string) =>
      parseForm(resetSchema, form({ token: "t".repeat(43), password, confirm: password })).ok;
    expect(ok("aaaaaaaa")).toBe(true);
    expect(ok("当归党参黄芪马铃薯")).toBe(true);
    expect(ok("a".repeat(128))).toBe(true);
    expect(ok("a".repeat(7))).toBe(false);
    expect(ok("a".repeat(129))).toBe(false);
  });
});

describe("permissions", () => {
  it("let approvers approve orders and manage members, not purchasers", () => {
    expect(roleHasPermission("approver", "approve:order:own-org")).toBe(true);
    expect(roleHasPermission("purchaser", "approve:order:own-org")).toBe(false);
    expect(roleHasPermission("purchaser", "create:order:own-org")).toBe(true);
    expect(roleHasPermission("purchaser", "manage:members:own-org")).toBe(false);
  });
  it("keep office powers in the office", () => {
    for (const role of ["purchaser", "approver", "seller_admin", "seller_staff"] as const) {
      expect(roleHasPermission(role, "review:organisation:any")).toBe(false);
      expect(roleHasPermission(role, "manage:user:any")).toBe(false);
    }
    expect(roleHasPermission("office_staff", "manage:user:any")).toBe(false);
    expect(roleHasPermission("office_admin", "manage:user:any")).toBe(true);
  });
  it("match roles and types to sides", () => {
    expect(rolesForSide("seller")).toEqual(["seller_admin", "seller_staff"]);
    expect(typesForSide("buyer")).toContain("trade_union");
    expect(typesForSide("seller")).toContain("enterprise");
  });
});
