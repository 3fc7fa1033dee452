/**
 * The office's review of certifications (扶贫产品认定): the decision's state
 * machine, the mail it sends, the queue, the review pages' guards and forms,
 * and who may read a certificate's scan.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, ne } from "drizzle-orm";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProductInput } from "~/domain/product-forms";
import { i18nFor } from "~/i18n/i18n.server";
import { createSession } from "~/models/auth.server";
import { getVisibleProduct, listProducts } from "~/models/catalog.server";
import {
  attachCertification,
  changeProductStatus,
  countCertificationQueue,
  createProduct,
  decideCertification,
  listCertificationQueue,
  type Actor,
  type CertificationInput,
} from "~/models/products.server";
import { pendingWork } from "~/models/reference.server";
import { storeUpload } from "~/models/uploads.server";
import {
  certifications,
  memberships,
  organisations,
  outbox,
  productImages,
  products,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

process.env.UPLOAD_DIR = mkdtempSync(join(tmpdir(), "fdx-uploads-"));

// The routes open DATABASE_PATH themselves: seed that very file.
const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db, sqlite } = seeded;
afterAll(() => sqlite.close());

const PDF = new TextEncoder().encode("%PDF-1.4\n% certificate scan\n%%EOF\n");

function userByEmail(email: string) {
  return db.select().from(users).where(eq(users.email, email)).get()!;
}

function orgOf(email: string): number {
  return db
    .select()
    .from(memberships)
    .where(eq(memberships.userId, userByEmail(email).id))
    .get()!.orgId;
}

const coopOrgId = orgOf("coop@example.com");
const seller: Actor = { userId: userByEmail("coop@example.com").id, orgId: coopOrgId, ip: "" };
const office: Actor = {
  userId: userByEmail("office@example.com").id,
  orgId: orgOf("office@example.com"),
  ip: "",
};

let serial = 0;

function productInput(): ProductInput {
  serial += 1;
  return {
    nameZh: `测试当归${serial}`,
    nameEn: `Test angelica ${serial}`,
    descriptionZh: "岷县当归，切片。",
    descriptionEn: "Sliced Minxian angelica root.",
    categorySlug: "herbs",
    unitCode: "kg",
    countyCode: "621126",
    tiers: [
      { minQty: 10, unitPriceFen: 8800 },
      { minQty: 100, unitPriceFen: 7800 },
    ],
    stock: 500,
    monthlyCapacity: 0,
    specZh: "500克/袋",
    specEn: "500 g bag",
    shelfLifeDays: 720,
    storageZh: "阴凉干燥处",
    storageEn: "Cool and dry",
    tags: ["岷县当归"],
  };
}

function certificationInput(overrides: Partial<CertificationInput> = {}): CertificationInput {
  return {
    authority: "岷县扶贫开发领导小组办公室",
    level: "county",
    number: `岷扶认字〔2026〕第${100 + serial}号`,
    issuedOn: "2026-01-10",
    validUntil: "2030-12-31",
    valueFen: 1_200_000_00,
    peopleLifted: 80,
    ...overrides,
  };
}

function attach(productId: number, overrides: Partial<CertificationInput> = {}): number {
  const document = { ...storeUpload("certificates", PDF, "pdf"), type: "application/pdf" };
  const result = attachCertification(db, {
    sellerId: coopOrgId,
    productId,
    certification: certificationInput(overrides),
    document,
    actor: seller,
  });
  if (!result.ok) throw new Error(`attach refused: ${result.reason}`);
  return result.id;
}

/** A draft product of the 岷县 cooperative with one photo. */
function draftProduct(): number {
  const created = createProduct(db, {
    sellerId: coopOrgId,
    product: productInput(),
    actor: seller,
  });
  if (!created.ok) throw new Error(`create refused: ${created.reason}`);
  db.insert(productImages)
    .values({
      productId: created.id,
      position: 0,
      src: "/images/demo/test.webp",
      thumbSrc: "/images/demo/test-400.webp",
      width: 800,
      height: 600,
    })
    .run();
  return created.id;
}

/** A submitted product whose certification waits for the office. */
function pendingProduct(
  overrides: Partial<CertificationInput> = {},
  now = new Date(),
): { productId: number; certificationId: number } {
  const productId = draftProduct();
  const certificationId = attach(productId, overrides);
  const submitted = changeProductStatus(
    db,
    { sellerId: coopOrgId, productId, action: "submit", reason: "", actor: seller },
    now,
  );
  if (!submitted.ok) throw new Error(`submit refused: ${submitted.reason}`);
  return { productId, certificationId };
}

const productRow = (id: number) => db.select().from(products).where(eq(products.id, id)).get()!;
const certificationRow = (id: number) =>
  db.select().from(certifications).where(eq(certifications.id, id)).get()!;
const visibleIds = () =>
  listProducts(sqlite, { pageSize: 500 }).items.map((item: { id: number }) => item.id);

/** Mail to the cooperative's people, newest first. */
function coopMail() {
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.toEmail, "coop@example.com"))
    .all()
    .sort((a, b) => b.id - a.id);
}

describe("deciding a certification", () => {
  it("approving lists a submitted product with its validity, in the catalog", () => {
    const { productId, certificationId } = pendingProduct();
    expect(productRow(productId).status).toBe("submitted");
    expect(getVisibleProduct(sqlite, productId)).toBeNull();

    const result = decideCertification(db, {
      certificationId,
      intent: "approve",
      reason: "",
      actor: office,
    });
    expect(result).toEqual({ ok: true, productId, status: "listed" });
    const product = productRow(productId);
    expect(product.status).toBe("listed");
    expect(product.certificationId).toBe(certificationId);
    expect(product.certifiedUntil).toBe("2030-12-31");
    expect(product.listedAt).not.toBeNull();
    expect(certificationRow(certificationId)).toMatchObject({
      status: "approved",
      reviewedBy: office.userId,
    });
    expect(getVisibleProduct(sqlite, productId)?.id).toBe(productId);
    expect(visibleIds()).toContain(productId);
  });

  it("rejecting returns the product with the reason and keeps it out of the catalog", () => {
    const { productId, certificationId } = pendingProduct();
    const result = decideCertification(db, {
      certificationId,
      intent: "reject",
      reason: "认定文件印章不清晰",
      actor: office,
    });
    expect(result).toEqual({ ok: true, productId, status: "rejected" });
    expect(productRow(productId)).toMatchObject({
      status: "rejected",
      statusReason: "认定文件印章不清晰",
      certifiedUntil: null,
    });
    expect(certificationRow(certificationId)).toMatchObject({
      status: "rejected",
      rejectReason: "认定文件印章不清晰",
    });
    expect(getVisibleProduct(sqlite, productId)).toBeNull();
    expect(visibleIds()).not.toContain(productId);
  });

  it("a renewal approved switches the certification in force and keeps the product listed", () => {
    const { productId, certificationId: first } = pendingProduct();
    decideCertification(db, {
      certificationId: first,
      intent: "approve",
      reason: "",
      actor: office,
    });
    const renewal = attach(productId, { validUntil: "2031-06-30" });
    expect(productRow(productId).status).toBe("listed");
    const queued = listCertificationQueue(db).find((item) => item.certificationId === renewal);
    expect(queued).toMatchObject({ renewal: true, productStatus: "listed" });

    expect(
      decideCertification(db, {
        certificationId: renewal,
        intent: "approve",
        reason: "",
        actor: office,
      }),
    ).toEqual({ ok: true, productId, status: "listed" });
    expect(productRow(productId)).toMatchObject({
      status: "listed",
      certificationId: renewal,
      certifiedUntil: "2031-06-30",
    });
    expect(getVisibleProduct(sqlite, productId)?.id).toBe(productId);
  });

  it("a renewal rejected leaves the earlier certification in force", () => {
    const { productId, certificationId: first } = pendingProduct();
    decideCertification(db, {
      certificationId: first,
      intent: "approve",
      reason: "",
      actor: office,
    });
    const renewal = attach(productId, { validUntil: "2031-06-30" });
    expect(
      decideCertification(db, {
        certificationId: renewal,
        intent: "reject",
        reason: "编号与目录不符",
        actor: office,
      }),
    ).toEqual({ ok: true, productId, status: "listed" });
    expect(productRow(productId)).toMatchObject({
      status: "listed",
      certificationId: first,
      certifiedUntil: "2030-12-31",
    });
    expect(certificationRow(renewal).status).toBe("rejected");
    expect(getVisibleProduct(sqlite, productId)?.id).toBe(productId);
  });

  it("refuses a certification already decided, and an unknown one", () => {
    const { certificationId } = pendingProduct();
    decideCertification(db, { certificationId, intent: "approve", reason: "", actor: office });
    for (const intent of ["approve", "reject"] as const) {
      expect(
        decideCertification(db, { certificationId, intent, reason: "再次审核", actor: office }),
      ).toEqual({ ok: false, reason: "not_reviewable" });
    }
    expect(
      decideCertification(db, {
        certificationId: 999_999,
        intent: "approve",
        reason: "",
        actor: office,
      }),
    ).toEqual({ ok: false, reason: "not_found" });
  });

  it("cannot approve a pending certification that has expired since it was submitted", () => {
    const submittedAt = new Date("2026-12-01T02:00:00Z");
    const { productId, certificationId } = pendingProduct(
      { issuedOn: "2026-01-10", validUntil: "2027-01-31" },
      submittedAt,
    );
    const later = new Date("2027-02-05T02:00:00Z");
    expect(
      decideCertification(
        db,
        { certificationId, intent: "approve", reason: "", actor: office },
        later,
      ),
    ).toEqual({ ok: false, reason: "certification_expired" });
    expect(productRow(productId).status).toBe("submitted");
    expect(certificationRow(certificationId).status).toBe("pending");
  });

  it("mails the decision and its reason to the seller's members, in both languages", () => {
    const approved = pendingProduct();
    const number = certificationRow(approved.certificationId).number;
    decideCertification(db, {
      certificationId: approved.certificationId,
      intent: "approve",
      reason: "",
      actor: office,
    });
    const [approvalMail] = coopMail();
    expect(approvalMail?.subject).toContain("扶贫产品认定已通过");
    expect(approvalMail?.subject).toContain("Certification approved");
    expect(approvalMail?.body).toContain(number);
    expect(approvalMail?.body).not.toContain("mail.");

    const rejected = pendingProduct();
    decideCertification(db, {
      certificationId: rejected.certificationId,
      intent: "reject",
      reason: "价值量与附件不一致",
      actor: office,
    });
    const [rejectionMail] = coopMail();
    expect(rejectionMail?.subject).toContain("扶贫产品认定未通过");
    expect(rejectionMail?.body).toContain("价值量与附件不一致");
    expect(rejectionMail?.body).toContain("Reason: 价值量与附件不一致");
  });
});

describe("the queue", () => {
  it("lists only pending certifications of submitted, listed or paused products, oldest first", () => {
    const { certificationId: pending } = pendingProduct();
    const draft = draftProduct();
    const unsubmitted = attach(draft);
    const replaced = pendingProduct();
    const replacement = attach(replaced.productId);

    const queue = listCertificationQueue(db);
    const ids = queue.map((item) => item.certificationId);
    expect(ids).toContain(pending);
    expect(ids).toContain(replacement);
    expect(ids).not.toContain(unsubmitted);
    expect(ids).not.toContain(replaced.certificationId);
    expect(certificationRow(replaced.certificationId).status).toBe("withdrawn");
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const item of queue) {
      expect(item.status).toBe("pending");
      expect(["submitted", "listed", "paused"]).toContain(item.productStatus);
    }
    expect(countCertificationQueue(db)).toBe(queue.length);
    expect(pendingWork(sqlite).certifications).toBe(queue.length);
  });
});

// ---------------------------------------------------------------------------
// Routes, called as the server calls them, with a real session cookie.

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type Module = { loader?: Handler; action?: Handler };
let queueRoute: Module;
let detailRoute: Module;
let documentRoute: Module;
const cookies: Record<string, string> = {};
type Who = "office" | "verifier" | "coop" | "unit" | "otherSeller" | "anonymous";

/** A seller admin of another cooperative, to prove sellers see only their own scans. */
function otherSellerEmail(): string {
  const email = "other-seller@example.com";
  const org = db
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.side, "seller"),
        eq(organisations.status, "approved"),
        ne(organisations.id, coopOrgId),
      ),
    )
    .get()!;
  const user = db
    .insert(users)
    .values({ email, name: "别社长", passwordHash: "not-a-real-hash" })
    .returning({ id: users.id })
    .get();
  db.insert(memberships)
    .values({ userId: user.id, orgId: org.id, role: "seller_admin", status: "approved" })
    .run();
  return email;
}

beforeAll(async () => {
  queueRoute = await import("~/routes/office.certifications._index");
  detailRoute = await import("~/routes/office.certifications.$id");
  documentRoute = await import("~/routes/certifications.$id.document");
  const { sessionCookie } = await import("~/auth/session.server");
  const emails: Record<Exclude<Who, "anonymous">, string> = {
    office: "office@example.com",
    verifier: "verifier@example.com",
    coop: "coop@example.com",
    unit: "unit@example.com",
    otherSeller: otherSellerEmail(),
  };
  for (const [who, email] of Object.entries(emails)) {
    const id = createSession(db, {
      userId: userByEmail(email).id,
      actingOrgId: orgOf(email),
      ip: "",
      userAgent: "",
    });
    cookies[who] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
});

function request(who: Who, path: string, form?: Record<string, string>): Request {
  const headers = new Headers();
  if (who !== "anonymous") headers.set("Cookie", cookies[who]!);
  return new Request(`http://localhost${path}`, {
    headers,
    ...(form ? { method: "POST", body: new URLSearchParams(form) } : {}),
  });
}

/** Runs a loader or action; a thrown Response is returned, as Remix would send it. */
async function call(
  handler: Handler | undefined,
  req: Request,
  params: Record<string, string> = {},
): Promise<unknown> {
  try {
    return await handler!({ request: req, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const statusOf = (result: unknown) => (result instanceof Response ? result.status : 200);

interface QueueData {
  queue: { certification: { id: number }; renewal: boolean; cover: unknown }[];
  decided: { certificationId: number; status: string; reviewerName: string | null }[];
}

describe("/office/certifications", () => {
  it("opens only for people who review certifications", async () => {
    const expected: Record<Who, number> = {
      office: 200,
      verifier: 200,
      coop: 403,
      unit: 403,
      otherSeller: 403,
      anonymous: 302,
    };
    const { certificationId } = pendingProduct();
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      expect(
        statusOf(await call(queueRoute.loader, request(who, "/office/certifications"))),
        `loader as ${who}`,
      ).toBe(status);
      if (status === 200) continue;
      const posted = await call(
        queueRoute.action,
        request(who, "/office/certifications", {
          intent: "approve",
          certificationId: String(certificationId),
        }),
      );
      expect(statusOf(posted), `action as ${who}`).toBe(status);
    }
    expect(certificationRow(certificationId).status).toBe("pending");
  });

  it("shows the queue with covers, new listings and renewals", async () => {
    const { certificationId } = pendingProduct();
    const data = (await call(
      queueRoute.loader,
      request("verifier", "/office/certifications"),
    )) as QueueData;
    const item = data.queue.find((entry) => entry.certification.id === certificationId);
    expect(item).toMatchObject({ renewal: false, cover: { src: "/images/demo/test-400.webp" } });
  });

  it("refuses a rejection without a reason, on the field, and changes nothing", async () => {
    const { productId, certificationId } = pendingProduct();
    const before = coopMail().length;
    const response = (await call(
      queueRoute.action,
      request("verifier", "/office/certifications", {
        intent: "reject",
        certificationId: String(certificationId),
        reason: "  ",
      }),
    )) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      fieldErrors: Record<string, string[]>;
      certificationId: number;
    };
    expect(body.certificationId).toBe(certificationId);
    expect(body.fieldErrors.reason).toEqual(["forms.reasonRequired"]);
    for (const language of ["zh-CN", "en"] as const) {
      const t = i18nFor(language).getFixedT(language);
      expect(t("forms.reasonRequired")).not.toBe("forms.reasonRequired");
    }
    expect(certificationRow(certificationId).status).toBe("pending");
    expect(productRow(productId).status).toBe("submitted");
    expect(coopMail().length).toBe(before);
  });

  it("answers 400 to an unknown intent", async () => {
    const { certificationId } = pendingProduct();
    const response = (await call(
      queueRoute.action,
      request("office", "/office/certifications", {
        intent: "publish",
        certificationId: String(certificationId),
      }),
    )) as Response;
    expect(response.status).toBe(400);
    expect(certificationRow(certificationId).status).toBe("pending");
  });

  it("approves from the queue: the item leaves it and shows among the decisions", async () => {
    const { productId, certificationId } = pendingProduct();
    const response = (await call(
      queueRoute.action,
      request("verifier", "/office/certifications", {
        intent: "approve",
        certificationId: String(certificationId),
        reason: "",
      }),
    )) as Response;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain(certificationRow(certificationId).number);
    expect(productRow(productId).status).toBe("listed");

    const data = (await call(
      queueRoute.loader,
      request("verifier", "/office/certifications"),
    )) as QueueData;
    expect(data.queue.map((entry) => entry.certification.id)).not.toContain(certificationId);
    expect(data.decided.find((entry) => entry.certificationId === certificationId)).toMatchObject({
      status: "approved",
      reviewerName: "吴核实",
    });

    const again = (await call(
      queueRoute.action,
      request("office", "/office/certifications", {
        intent: "reject",
        certificationId: String(certificationId),
        reason: "重复",
      }),
    )) as Response;
    expect(again.status).toBe(409);
  });
});

describe("/office/certifications/:id", () => {
  it("shows the product, its certifications and its history; 404 when unknown", async () => {
    const { productId, certificationId } = pendingProduct();
    const path = `/office/certifications/${certificationId}`;
    const data = (await call(detailRoute.loader, request("office", path), {
      id: String(certificationId),
    })) as {
      reviewable: boolean;
      product: { id: number; nameZh: string; tags: string[] };
      tiers: unknown[];
      images: unknown[];
      history: { id: number }[];
      events: { kind: string }[];
    };
    expect(data.reviewable).toBe(true);
    expect(data.product.id).toBe(productId);
    expect(data.product.tags).toEqual(["岷县当归"]);
    expect(data.tiers).toHaveLength(2);
    expect(data.images).toHaveLength(1);
    expect(data.history.map((h) => h.id)).toEqual([certificationId]);
    expect(data.events.map((e) => e.kind)).toEqual(["submit", "certification_attached", "created"]);

    for (const who of ["coop", "unit"] as const) {
      expect(statusOf(await call(detailRoute.loader, request(who, path), { id: "1" }))).toBe(403);
    }
    for (const id of ["999999", "abc"]) {
      expect(
        statusOf(
          await call(detailRoute.loader, request("office", `/office/certifications/${id}`), {
            id,
          }),
        ),
      ).toBe(404);
    }
  });

  it("delists a listed product only with a reason, and tells the seller", async () => {
    const { productId, certificationId } = pendingProduct();
    decideCertification(db, { certificationId, intent: "approve", reason: "", actor: office });
    const path = `/office/certifications/${certificationId}`;
    const params = { id: String(certificationId) };

    const missing = (await call(
      detailRoute.action,
      request("office", path, { intent: "delist", reason: "" }),
      params,
    )) as Response;
    expect(missing.status).toBe(400);
    expect(
      ((await missing.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors,
    ).toEqual({ reason: ["forms.required"] });
    expect(productRow(productId).status).toBe("listed");

    const done = (await call(
      detailRoute.action,
      request("office", path, { intent: "delist", reason: "抽检不合格" }),
      params,
    )) as Response;
    expect(done.status).toBe(200);
    expect(productRow(productId)).toMatchObject({
      status: "delisted",
      statusReason: "抽检不合格",
    });
    expect(coopMail()[0]?.body).toContain("抽检不合格");
    expect(getVisibleProduct(sqlite, productId)).toBeNull();
  });

  it("decides only the certification of its own page", async () => {
    const mine = pendingProduct();
    const other = pendingProduct();
    const response = (await call(
      detailRoute.action,
      request("office", `/office/certifications/${mine.certificationId}`, {
        intent: "approve",
        certificationId: String(other.certificationId),
      }),
      { id: String(mine.certificationId) },
    )) as Response;
    expect(response.status).toBe(400);
    expect(certificationRow(other.certificationId).status).toBe("pending");
  });
});

describe("/certifications/:id/document", () => {
  it("gives the scan to the office and the owning seller, sandboxed, and to no one else", async () => {
    const { certificationId } = pendingProduct();
    const path = `/certifications/${certificationId}/document`;
    const params = { id: String(certificationId) };
    for (const who of ["office", "verifier", "coop"] as const) {
      const response = (await call(documentRoute.loader, request(who, path), params)) as Response;
      expect(response.status, who).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="certificate-${certificationId}.pdf"`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        "content-security-policy": "default-src 'none'; sandbox",
      });
    }
    const refused: Record<string, number> = { otherSeller: 404, unit: 403, anonymous: 302 };
    for (const [who, status] of Object.entries(refused)) {
      const result = await call(documentRoute.loader, request(who as Who, path), params);
      expect(statusOf(result), who).toBe(status);
    }
    expect(
      statusOf(await call(documentRoute.loader, request("office", path), { id: "999999" })),
    ).toBe(404);
  });

  it("has nothing to give for a certification without a scan", async () => {
    const demo = listCertificationQueue(db).find((item) => !item.hasDocument);
    expect(demo).toBeDefined();
    const id = String(demo!.certificationId);
    expect(
      statusOf(
        await call(documentRoute.loader, request("office", `/certifications/${id}/document`), {
          id,
        }),
      ),
    ).toBe(404);
  });
});
