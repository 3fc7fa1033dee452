/**
 * The public forms that write or mail for anyone (forgot-password, sign-up,
 * complaints) answer 429 with a translated message past their limits per
 * address and (forgot-password, sign-up) per target, through their real route
 * actions; a complaint is never refused for its subject's count, only marked
 * as part of a surge. Forgot-password answers and works the same whether or
 * not the address has an account.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import { listComplaints } from "~/models/complaints.server";
import { appendEntry } from "~/models/ledger.server";
import {
  ATTEMPT_RETENTION_MS,
  RATE_LIMITS,
  RateLimited,
  takeRateLimits,
} from "~/models/rate-limits.server";
import en from "../../public/locales/en/common.json";
import zh from "../../public/locales/zh-CN/common.json";
import {
  complaints,
  organisations,
  outbox,
  passwordResetTokens,
  products,
  rateLimitHits,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

// Seed the file the app itself opens (DATABASE_PATH, set per test file), then load the routes.
const { db, sqlite } = freshDatabase({ file: process.env.DATABASE_PATH });
afterAll(() => sqlite.close());

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: { clientIp: string };
}) => Promise<Response>;
const routes: Record<"forgot" | "signup" | "complaint", Action> = {} as never;

beforeAll(async () => {
  routes.forgot = (await import("~/routes/_auth.forgot-password")).action as unknown as Action;
  routes.signup = (await import("~/routes/_auth.signup")).action as unknown as Action;
  routes.complaint = (await import("~/routes/_store.complaints.new")).action as unknown as Action;
});

function post(
  action: Action,
  fields: Record<string, string>,
  ip: string,
  language = "zh-CN",
): Promise<Response> {
  return action({
    request: new Request("http://localhost/form", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": language,
      },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: { clientIp: ip },
  });
}

const statuses = async (responses: Promise<Response>[]) =>
  (await Promise.all(responses)).map((r) => r.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;
const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.toEmail, email)).all();

describe("forgot-password", () => {
  it("answers and mails alike for a registered address and an unknown one", async () => {
    const known = await post(routes.forgot, { email: "union@example.com" }, "198.51.100.1");
    const unknown = await post(routes.forgot, { email: "ghost@example.com" }, "198.51.100.1");
    expect(known.status).toBe(unknown.status);
    expect(await known.json()).toEqual(await unknown.json());
    const [reset] = mailsTo("union@example.com");
    const [none] = mailsTo("ghost@example.com");
    expect(reset!.subject).toBe(none!.subject);
    expect(reset!.body).toMatch(/http:\/\/localhost:3000\/reset-password\?token=/);
    expect(none!.body).toContain("http://localhost:3000/signup");
    expect(none!.body).not.toContain("token=");
  });

  it("answers 429 in the form past 5 requests for one address within the hour", async () => {
    const email = "potato@example.com";
    const results = await statuses(
      Array.from({ length: 8 }, (_, i) => post(routes.forgot, { email }, `198.51.100.${10 + i}`)),
    );
    expect(count(results, 200)).toBe(RATE_LIMITS.passwordResetPerEmail.max);
    expect(count(results, 429)).toBe(8 - RATE_LIMITS.passwordResetPerEmail.max);
    expect(mailsTo(email)).toHaveLength(RATE_LIMITS.passwordResetPerEmail.max);
    const potato = db.select().from(users).where(eq(users.email, email)).get()!;
    expect(
      db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, potato.id)).all(),
    ).toHaveLength(RATE_LIMITS.passwordResetPerEmail.max);

    const refused = await post(routes.forgot, { email }, "198.51.100.99", "en");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      sent: false,
      alert: en.auth.forgot.rateLimited,
      fieldErrors: {},
      values: { email },
    });
  });

  it("counts a whole IPv6 /64, and an IPv4 address however it is written, as one address", async () => {
    const results = await statuses(
      Array.from({ length: 25 }, (_, i) =>
        post(routes.forgot, { email: `v6-${i}@example.com` }, `2001:db8:5:6::${i + 1}`),
      ),
    );
    expect(count(results, 200)).toBe(RATE_LIMITS.passwordResetPerAddress.max);
    expect(count(results, 429)).toBe(25 - RATE_LIMITS.passwordResetPerAddress.max);
    const v4 = await statuses(
      Array.from({ length: 25 }, (_, i) =>
        post(
          routes.forgot,
          { email: `v4-${i}@example.com` },
          i % 2 ? "198.51.100.60" : "::ffff:198.51.100.60",
        ),
      ),
    );
    expect(count(v4, 200)).toBe(RATE_LIMITS.passwordResetPerAddress.max);
  });

  it("answers 429 past 20 requests from one address, whatever the e-mails", async () => {
    const results = await statuses(
      Array.from({ length: 25 }, (_, i) =>
        post(routes.forgot, { email: `someone${i}@example.com` }, "198.51.100.50"),
      ),
    );
    expect(count(results, 200)).toBe(RATE_LIMITS.passwordResetPerAddress.max);
    const refused = await post(routes.forgot, { email: "other@example.com" }, "198.51.100.50");
    expect(((await refused.json()) as { alert: string }).alert).toBe(zh.auth.forgot.rateLimited);
  });
});

describe("sign-up", () => {
  let serial = 0;
  const form = (email: string) => {
    serial += 1;
    const body = `12350104MB0R${String(serial).padStart(5, "0")}`;
    return {
      intent: "new-organisation",
      name: "测试用户",
      email,
      phone: "13800002222",
      password: "a long enough password",
      side: "buyer",
      type: "budget_unit",
      orgName: `测试单位${body}`,
      creditCode: body + creditCodeCheckCharacter(body),
      jurisdictionCode: "350104",
      contactName: "测试",
      contactPhone: "0591-8000000",
      address: "福州市仓山区测试路",
    };
  };

  it("lets at most 5 of 30 parallel sign-ups for one e-mail through, each answer translated", async () => {
    const email = "busy@example.com";
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(routes.signup, form(email), `203.0.113.${i + 1}`)),
    );
    const results = responses.map((r) => r.status);
    expect(count(results, 200)).toBe(RATE_LIMITS.signUpPerEmail.max);
    expect(count(results, 429)).toBe(30 - RATE_LIMITS.signUpPerEmail.max);
    expect(mailsTo(email)).toHaveLength(RATE_LIMITS.signUpPerEmail.max);
    const refused = (await responses.find((r) => r.status === 429)!.json()) as {
      alert: string;
      values: Record<string, string>;
    };
    expect(refused.alert).toBe(zh.auth.signup.rateLimited);
    // The form is kept, the password is not.
    expect(refused.values).toMatchObject({ email, password: "" });
  });

  it("answers 429 past 20 sign-ups from one address", async () => {
    const results = await statuses(
      Array.from({ length: 22 }, (_, i) =>
        post(routes.signup, form(`crowd${i}@example.com`), "203.0.113.200"),
      ),
    );
    expect(count(results, 200)).toBe(RATE_LIMITS.signUpPerAddress.max);
    expect(count(results, 429)).toBe(22 - RATE_LIMITS.signUpPerAddress.max);
  });
});

/** A seller and a product of our own, so the complaints name real subjects. */
let made = 0;
function newSellerWithProduct(): { sellerId: number; productId: number; creditCode: string } {
  made += 1;
  const body = `93621126MA7C${String(made).padStart(5, "0")}`;
  const creditCode = body + creditCodeCheckCharacter(body);
  const sellerId = db
    .insert(organisations)
    .values({
      side: "seller",
      type: "cooperative",
      nameZh: `投诉测试合作社${made}`,
      nameEn: `Complaint Test Cooperative ${made}`,
      creditCode,
      countyCode: "621126",
      status: "approved",
    })
    .returning({ id: organisations.id })
    .get().id;
  const productId = db
    .insert(products)
    .values({
      sellerId,
      countyCode: "621126",
      categorySlug: sqlite.prepare("select slug from categories limit 1").pluck().get() as string,
      unitCode: sqlite.prepare("select code from units limit 1").pluck().get() as string,
      nameZh: `投诉测试当归${made}`,
      priceFen: 1000,
      minOrderQty: 1,
    })
    .returning({ id: products.id })
    .get().id;
  return { sellerId, productId, creditCode };
}

describe("complaints", () => {
  const complaint = (fields: Record<string, string> = {}) => ({
    subjectType: "product",
    subjectRef: "",
    body: "收到的货物与页面描述不符，请核实。",
    contactName: "",
    contact: "",
    ...fields,
  });
  const filed = () => db.select().from(complaints).all().length;
  const about = (subjectId: number) =>
    db.select().from(complaints).where(eq(complaints.subjectId, subjectId)).all();

  it("refuse a subject that does not exist with a translated field error, and record nothing", async () => {
    const before = { complaints: filed(), hits: db.select().from(rateLimitHits).all().length };
    const cases = [
      ["product", "P-100", "forms.complaintUnknownProduct"],
      ["product", "99999999", "forms.complaintUnknownProduct"],
      ["seller", "没有这个合作社", "forms.complaintUnknownSeller"],
      ["record", "INV-NOT-COUNTED", "forms.complaintUnknownRecord"],
    ] as const;
    for (const [subjectType, subjectRef, key] of cases) {
      const response = await post(
        routes.complaint,
        complaint({ subjectType, subjectRef }),
        "192.0.2.5",
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        fieldErrors: { subjectRef: [key] },
        done: null,
        values: { subjectType, subjectRef },
      });
    }
    expect(zh.forms.complaintUnknownProduct).toBeTruthy();
    expect(en.forms.complaintUnknownSeller).toBeTruthy();
    expect(filed()).toBe(before.complaints);
    expect(db.select().from(rateLimitHits).all()).toHaveLength(before.hits);
  });

  it("answer 429 in the form past 10 from one address within the hour", async () => {
    const { productId } = newSellerWithProduct();
    const before = filed();
    const results: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await post(
        routes.complaint,
        complaint({ subjectRef: String(productId) }),
        "192.0.2.10",
      );
      results.push(response.status);
    }
    expect(count(results, 200)).toBe(RATE_LIMITS.complaintPerAddress.max);
    expect(filed()).toBe(before + RATE_LIMITS.complaintPerAddress.max);
    // One host's whole IPv6 /64 is one address too.
    const v6 = await statuses(
      Array.from({ length: 12 }, (_, i) =>
        post(
          routes.complaint,
          complaint({ subjectRef: String(productId) }),
          `2001:db8:c::${i + 1}`,
        ),
      ),
    );
    expect(count(v6, 200)).toBe(RATE_LIMITS.complaintPerAddress.max);
    const refused = await post(
      routes.complaint,
      complaint({ body: "我的投诉内容很重要，请尽快处理" }),
      "192.0.2.10",
      "en",
    );
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      alert: en.complaints.rateLimited,
      done: null,
      values: { body: "我的投诉内容很重要，请尽快处理", subjectType: "product" },
    });
  });

  it("are never refused for how many name one product: past 20 an hour they are filed as a surge", async () => {
    const { productId } = newSellerWithProduct();
    const other = newSellerWithProduct();
    // A seller floods its own product with junk, writing its number every way it can.
    const spellings = [String(productId), `0${productId}`, `#${productId}`, ` 00${productId} `];
    const flood = await statuses(
      Array.from({ length: 24 }, (_, i) =>
        post(
          routes.complaint,
          complaint({ subjectRef: spellings[i % spellings.length]! }),
          `192.0.2.${100 + i}`,
        ),
      ),
    );
    expect(flood).toEqual(Array.from({ length: 24 }, () => 200));
    const flooded = about(productId);
    expect(flooded).toHaveLength(24);
    expect(flooded.filter((c) => c.surge)).toHaveLength(24 - RATE_LIMITS.complaintPerTarget.max);

    // A genuine complaint about the same product is still filed, and the office can read it.
    const genuine = await post(
      routes.complaint,
      complaint({ subjectRef: String(productId), body: "买到的当归发霉了，卖家不理睬。" }),
      "192.0.2.200",
    );
    expect(genuine.status).toBe(200);
    const listed = listComplaints(db);
    const mine = listed.surges.find((c) => c.body === "买到的当归发霉了，卖家不理睬。");
    expect(mine).toMatchObject({ subjectId: productId, surge: true });
    // The flood stays apart: it cannot push complaints about anything else off the office's list.
    expect(listed.complaints.some((c) => c.surge)).toBe(false);
    expect(
      await post(
        routes.complaint,
        complaint({ subjectRef: String(other.productId) }),
        "192.0.2.99",
      ),
    ).toHaveProperty("status", 200);
    expect(about(other.productId)).toMatchObject([{ surge: false }]);
  });

  it("resolve a seller by its number, name or credit code, and a figure by its invoice number", async () => {
    const { sellerId, creditCode } = newSellerWithProduct();
    const seller = db.select().from(organisations).where(eq(organisations.id, sellerId)).get()!;
    for (const subjectRef of [
      String(sellerId),
      seller.nameZh,
      seller.nameEn.toUpperCase(),
      creditCode.toLowerCase().replace(/(.{6})/, "$1 "),
    ]) {
      const response = await post(
        routes.complaint,
        complaint({ subjectType: "seller", subjectRef }),
        `192.0.4.${made}`,
      );
      expect(response.status, subjectRef).toBe(200);
    }
    expect(about(sellerId).map((c) => c.subjectType)).toEqual([
      "seller",
      "seller",
      "seller",
      "seller",
    ]);

    const [maker, checker] = ["maker", "checker"].map(
      (name) =>
        db
          .insert(users)
          .values({ email: `${name}@complaints.test`, name, passwordHash: "x" })
          .returning({ id: users.id })
          .get().id,
    );
    const entry = appendEntry(db, {
      countedAt: new Date(),
      amountFen: 50_000,
      sourceKind: "outside_record",
      sourceRef: "complaint-test:1",
      buyer: {
        orgId: null,
        name: "测试食堂",
        type: "budget_unit",
        jurisdictionCode: "350102",
        parentOrgId: null,
      },
      countyCode: "621126",
      seller: { orgId: sellerId, name: seller.nameZh },
      kind: "purchase",
      channel: "offline",
      certified: true,
      invoiceNumber: "Fp-2026-0042",
      evidenceRef: "scan",
      recordedBy: maker!,
      verifiedBy: checker!,
    });
    const response = await post(
      routes.complaint,
      complaint({ subjectType: "record", subjectRef: "FP-2026-0042" }),
      "192.0.4.250",
    );
    expect(response.status).toBe(200);
    expect(about(entry.seq).filter((c) => c.subjectType === "record")).toHaveLength(1);
  });

  it("are counted against the complainant's contact when they name no subject, never refused", async () => {
    const aboutContact = (contact: string, i: number) =>
      post(
        routes.complaint,
        complaint({ subjectType: "other", subjectRef: "", contact }),
        `192.0.3.${i}`,
      );
    const results = await statuses(
      Array.from({ length: 22 }, (_, i) =>
        aboutContact(i % 2 ? "139 0000 1111" : "13900001111", i + 1),
      ),
    );
    expect(count(results, 200)).toBe(22);
    const mine = db.select().from(complaints).where(eq(complaints.subjectType, "other")).all();
    expect(mine.filter((c) => c.surge)).toHaveLength(22 - RATE_LIMITS.complaintPerTarget.max);
    expect((await aboutContact("", 100)).status).toBe(200);
    expect((await aboutContact("13900002222", 101)).status).toBe(200);
  });
});

describe("rate-limit hits", () => {
  it("are counted within their window only, and pruned after 30 days", () => {
    const limit = { bucket: "test:window", max: 2, windowMs: 60_000, per: "target" } as const;
    const now = new Date("2026-06-20T01:00:00Z");
    takeRateLimits(db, [{ limit, key: "k" }], now);
    takeRateLimits(db, [{ limit, key: "k" }], now);
    expect(() => takeRateLimits(db, [{ limit, key: "k" }], now)).toThrow(RateLimited);
    // A refused request records nothing, for any of its limits.
    const other = { ...limit, bucket: "test:other" };
    expect(() =>
      takeRateLimits(
        db,
        [
          { limit: other, key: "k" },
          { limit, key: "k" },
        ],
        now,
      ),
    ).toThrow(RateLimited);
    expect(
      db.select().from(rateLimitHits).where(eq(rateLimitHits.bucket, "test:other")).all(),
    ).toEqual([]);
    takeRateLimits(db, [{ limit, key: "k" }], new Date(now.getTime() + 60_000));

    const hits = () =>
      db
        .select()
        .from(rateLimitHits)
        .where(and(eq(rateLimitHits.bucket, "test:window"), eq(rateLimitHits.key, "k")))
        .all().length;
    expect(hits()).toBe(3);
    const later = new Date(now.getTime() + ATTEMPT_RETENTION_MS + 30_000);
    takeRateLimits(db, [{ limit, key: "new" }], later);
    expect(hits()).toBe(1);
  });
});
