/**
 * Sign-up confirms the e-mail first, and answers the same whether or not the
 * address has an account: through the sign-up and confirmation routes, and
 * the model for the clock-dependent cases.
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import type { OrganisationApplication } from "~/domain/organisation-forms";
import { sha256 } from "~/models/auth.server";
import {
  confirmSignUp,
  requestSignUp,
  SIGN_UP_LINK_MS,
  type SignUpMails,
} from "~/models/signups.server";
import en from "../../public/locales/en/common.json";
import zh from "../../public/locales/zh-CN/common.json";
import { memberships, organisations, outbox, pendingSignups, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

// Seed the file the app itself opens (DATABASE_PATH, set per test file), then load the routes.
const { db, sqlite } = freshDatabase({ file: process.env.DATABASE_PATH });
afterAll(() => sqlite.close());

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: { clientIp: string };
}) => Promise<Response>;
type Loader = (args: {
  request: Request;
  params: Record<string, string>;
  context: object;
}) => Promise<{
  token: string | null;
}>;
let signup: { action: Action };
let confirm: { action: Action; loader: Loader };

beforeAll(async () => {
  signup = (await import("~/routes/_auth.signup")) as unknown as { action: Action };
  confirm = (await import("~/routes/_auth.confirm-signup")) as unknown as {
    action: Action;
    loader: Loader;
  };
});

const code = (body: string) => body + creditCodeCheckCharacter(body);
let addresses = 0;

function post(
  route: { action: Action },
  path: string,
  fields: Record<string, string>,
  init: { ip?: string; language?: string } = {},
): Promise<Response> {
  addresses += 1;
  return route.action({
    request: new Request(`http://localhost${path}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": init.language ?? "zh-CN",
      },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: { clientIp: init.ip ?? `192.0.2.${addresses}` },
  });
}

const person = (email: string) => ({
  name: "测试用户",
  email,
  phone: "13800002222",
  password: "a long enough password",
});

const buyerForm = (email: string, creditCode: string) => ({
  intent: "new-organisation",
  ...person(email),
  side: "buyer",
  type: "budget_unit",
  orgName: `测试单位${creditCode}`,
  creditCode,
  jurisdictionCode: "350104",
  contactName: "测试",
  contactPhone: "0591-8000000",
  address: "福州市仓山区测试路",
});

const gulouCode = code("12350102MB0D00002");
const joinForm = (email: string) => ({
  intent: "join",
  ...person(email),
  joinCreditCode: gulouCode,
  role: "purchaser",
});

const lastMailTo = (email: string) =>
  db.select().from(outbox).where(eq(outbox.toEmail, email)).orderBy(desc(outbox.id)).get();
const mailsTo = (email: string) =>
  db.select().from(outbox).where(eq(outbox.toEmail, email)).all().length;
const userOf = (email: string) => db.select().from(users).where(eq(users.email, email)).get();
const tokenIn = (body: string) => /\/confirm-signup\?token=([\w-]+)/.exec(body)?.[1];

function confirmArgs(token: string, method = "GET") {
  return {
    request: new Request(
      `http://localhost/confirm-signup?token=${token}`,
      method === "GET" ? {} : { method },
    ),
    params: {},
    context: {},
  };
}

describe("sign-up by mail", () => {
  it("mails a new address a one-time link that creates the organisation and signs the person in", async () => {
    const email = "newbuyer@example.com";
    const response = await post(signup, "/signup", buyerForm(email, code("12350104MB0K00001")));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sentTo: email, fieldErrors: {} });
    // Nothing is created until the link is followed.
    expect(userOf(email)).toBeUndefined();

    const mail = lastMailTo(email)!;
    expect(mail.subject).toBe(zh.auth.signup.confirmMailSubject);
    expect(mail.body).toMatch(/^您好！/);
    const token = tokenIn(mail.body)!;
    expect(token).toBeTruthy();
    const pending = db
      .select()
      .from(pendingSignups)
      .where(eq(pendingSignups.tokenHash, sha256(token)))
      .get()!;
    expect(pending.email).toBe(email);
    expect(JSON.stringify(pending.payload)).toMatch(/"passwordHash":"\$argon2id\$/);
    expect(JSON.stringify(pending.payload)).not.toContain("a long enough password");
    expect(JSON.stringify(db.select().from(pendingSignups).all())).not.toContain(token);

    // The link shows a button; only posting it creates the account.
    expect((await confirm.loader(confirmArgs(token))).token).toBe(token);
    expect(userOf(email)).toBeUndefined();
    const confirmed = await post(confirm, "/confirm-signup", { token }, { ip: "192.0.2.200" });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("Location")).toBe("/account?applied=1");
    expect(confirmed.headers.get("Set-Cookie")).toMatch(/session=/);
    const user = userOf(email)!;
    const membership = db.select().from(memberships).where(eq(memberships.userId, user.id)).get()!;
    const org = db
      .select()
      .from(organisations)
      .where(eq(organisations.id, membership.orgId))
      .get()!;
    expect(org).toMatchObject({ creditCode: code("12350104MB0K00001"), status: "pending" });
    expect(membership).toMatchObject({ role: "approver", status: "approved" });

    // Once only.
    const again = await post(confirm, "/confirm-signup", { token }, { language: "en" });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ alert: en.auth.confirm.invalid });
    expect((await confirm.loader(confirmArgs(token))).token).toBeNull();
  });

  it("answers a registered address exactly the same, and mails it links to sign in and reset", async () => {
    const before = db.select().from(users).all().length;
    const unitHash = userOf("unit@example.com")!.passwordHash;
    const fresh = await post(
      signup,
      "/signup",
      buyerForm("fresh1@example.com", code("12350104MB0K00002")),
    );
    const taken = await post(
      signup,
      "/signup",
      buyerForm("unit@example.com", code("12350104MB0K00003")),
    );
    expect(taken.status).toBe(fresh.status);
    const freshBody = (await fresh.json()) as Record<string, unknown>;
    const takenBody = (await taken.json()) as Record<string, unknown>;
    expect({ ...takenBody, sentTo: "?" }).toEqual({ ...freshBody, sentTo: "?" });
    expect(JSON.stringify(takenBody)).not.toContain("emailTaken");

    const mail = lastMailTo("unit@example.com")!;
    expect(mail.subject).toBe(zh.auth.signup.registeredMailSubject);
    expect(mail.body).toContain("http://localhost:3000/login");
    expect(mail.body).toContain("http://localhost:3000/forgot-password");
    expect(tokenIn(mail.body)).toBeUndefined();
    expect(
      db.select().from(pendingSignups).where(eq(pendingSignups.email, "unit@example.com")).all(),
    ).toEqual([]);
    // Nothing about the account changed; only the fresh address has a pending sign-up.
    expect(userOf("unit@example.com")!.passwordHash).toBe(unitHash);
    expect(db.select().from(users).all()).toHaveLength(before);
    expect(
      db
        .select()
        .from(organisations)
        .where(eq(organisations.creditCode, code("12350104MB0K00003")))
        .get(),
    ).toBeUndefined();
  });

  it("does the same for joining: a new address is mailed a link, a registered one a note", async () => {
    const joined = await post(signup, "/signup", joinForm("joiner1@example.com"));
    expect(joined.status).toBe(200);
    const token = tokenIn(lastMailTo("joiner1@example.com")!.body)!;
    const confirmed = await post(confirm, "/confirm-signup", { token });
    expect(confirmed.headers.get("Location")).toBe("/account?joined=1");
    const user = userOf("joiner1@example.com")!;
    expect(
      db.select().from(memberships).where(eq(memberships.userId, user.id)).get(),
    ).toMatchObject({ role: "purchaser", status: "pending" });

    const taken = await post(signup, "/signup", joinForm("coop@example.com"));
    expect(taken.status).toBe(200);
    expect(await taken.json()).toMatchObject({ sentTo: "coop@example.com" });
    expect(lastMailTo("coop@example.com")!.subject).toBe(zh.auth.signup.registeredMailSubject);
  });

  it("still shows organisation errors, for any address, and then mails nothing", async () => {
    for (const email of ["unit@example.com", "nobody-yet@example.com"]) {
      const mails = mailsTo(email);
      const response = await post(signup, "/signup", buyerForm(email, gulouCode));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        fieldErrors: { creditCode: ["forms.creditCodeTaken"] },
        values: { email, password: "" },
      });
      expect(mailsTo(email)).toBe(mails);
    }
    const unknownOrg = await post(signup, "/signup", {
      ...joinForm("nobody-yet@example.com"),
      joinCreditCode: code("12350104MB0K00099"),
    });
    expect(unknownOrg.status).toBe(400);
    expect(await unknownOrg.json()).toMatchObject({
      fieldErrors: { joinCreditCode: ["forms.orgUnknown"] },
    });
  });
});

const mails: SignUpMails = {
  confirm: (token) => ({ subject: "confirm", body: `/confirm-signup?token=${token}` }),
  alreadyRegistered: () => ({ subject: "registered", body: "" }),
};

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

describe("confirmation links", () => {
  it("work for 24 hours", async () => {
    const now = new Date("2026-06-10T01:00:00Z");
    const email = "late@example.com";
    await requestSignUp(
      db,
      { intent: "new-organisation", person: person(email), org: coop(code("93621122MA7K00001")) },
      "192.0.2.250",
      mails,
      now,
    );
    const token = tokenIn(lastMailTo(email)!.body)!;
    const late = new Date(now.getTime() + SIGN_UP_LINK_MS);
    expect(confirmSignUp(db, { token, ip: "" }, late)).toEqual({ ok: false, reason: "invalid" });
    const inTime = new Date(late.getTime() - 1000);
    expect(confirmSignUp(db, { token, ip: "" }, inTime)).toMatchObject({ ok: true });
  });

  it("refuse what changed since the form, and leave no half-made account", async () => {
    const now = new Date("2026-06-11T01:00:00Z");
    const creditCode = code("93621122MA7K00002");
    for (const email of ["first@example.com", "second@example.com"]) {
      await requestSignUp(
        db,
        { intent: "new-organisation", person: person(email), org: coop(creditCode) },
        "192.0.2.251",
        mails,
        now,
      );
    }
    const first = tokenIn(lastMailTo("first@example.com")!.body)!;
    const second = tokenIn(lastMailTo("second@example.com")!.body)!;
    expect(confirmSignUp(db, { token: first, ip: "" }, now)).toMatchObject({ ok: true });
    expect(confirmSignUp(db, { token: second, ip: "" }, now)).toEqual({
      ok: false,
      reason: "refused",
      messageKey: "forms.creditCodeTaken",
    });
    expect(userOf("second@example.com")).toBeUndefined();
    // Two links for one address: the second finds the account made by the first.
    for (let i = 0; i < 2; i++) {
      await requestSignUp(
        db,
        {
          intent: "join",
          person: person("twice@example.com"),
          creditCode: gulouCode,
          role: "purchaser",
        },
        "192.0.2.252",
        mails,
        now,
      );
    }
    const tokens = db
      .select()
      .from(outbox)
      .where(eq(outbox.toEmail, "twice@example.com"))
      .all()
      .map((m) => tokenIn(m.body)!);
    expect(confirmSignUp(db, { token: tokens[0]!, ip: "" }, now)).toMatchObject({ ok: true });
    expect(confirmSignUp(db, { token: tokens[1]!, ip: "" }, now)).toMatchObject({
      ok: false,
      messageKey: "forms.emailTaken",
    });
  });
});
