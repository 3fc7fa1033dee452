/**
 * The buyer's and seller's order pages as a browser uses them, against a real
 * SQLite file: the cart's actions, placing twice with one key, approval by
 * another person, the buyer's transfer slip before the seller confirms payment,
 * the seller's steps with an invoice scan, acceptance with a photo by someone
 * other than the placer, and the order's files, each refused to other
 * organisations.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/models/auth.server";
import { getOrder } from "~/models/orders.server";
import { checkouts, memberships, orders, products, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

process.env.UPLOAD_DIR = mkdtempSync(join(tmpdir(), "fdx-order-files-"));
const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db } = seeded;
afterAll(() => seeded.sqlite.close());

const people = ["unit", "approver", "union", "coop", "potato", "office"] as const;
type Who = (typeof people)[number];
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type Module = { loader?: Handler; action?: Handler };

const cookies = {} as Record<Who, string>;
const routes = {} as Record<"cart" | "buyerOrder" | "sellerOrder" | "files", Module>;
let coopProduct: typeof products.$inferSelect;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

beforeAll(async () => {
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
    cookies[who] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
  const coopOrg = db
    .select()
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, "coop@example.com"))
    .get()!.memberships.orgId;
  coopProduct = db
    .select()
    .from(products)
    .where(eq(products.sellerId, coopOrg))
    .all()
    .find((p) => p.status === "listed" && p.stock >= 1000)!;
  Object.assign(routes, {
    cart: await import("~/routes/buyer.cart"),
    buyerOrder: await import("~/routes/buyer.orders.$id"),
    sellerOrder: await import("~/routes/seller.orders.$id"),
    files: await import("~/routes/orders.$id.files.$kind"),
  });
});

/** Calls a route as a person; gives the status and the JSON body (if any). */
async function call(
  who: Who | "anonymous",
  route: keyof typeof routes,
  kind: "loader" | "action",
  options: {
    params?: Record<string, string>;
    form?: Record<string, string>;
    multipart?: FormData;
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; response?: Response }> {
  const headers = new Headers();
  if (who !== "anonymous") headers.set("Cookie", cookies[who]);
  const init: RequestInit = { headers };
  if (kind === "action") {
    init.method = "POST";
    init.body = options.multipart ?? new URLSearchParams(options.form ?? {});
  }
  const request = new Request("http://localhost/x", init);
  try {
    const result = await routes[route][kind]!({
      request,
      params: options.params ?? {},
      context: {},
    });
    if (result instanceof Response) {
      const type = result.headers.get("Content-Type") ?? "";
      const body = type.includes("json")
        ? ((await result.clone().json()) as Record<string, unknown>)
        : {};
      return { status: result.status, body, response: result };
    }
    return { status: 200, body: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: {}, response: thrown };
    throw thrown;
  }
}

const details = {
  deliveryAddress: "福州市鼓楼区机关食堂",
  contactName: "陈采购",
  contactPhone: "0591-87000000",
  invoiceTitle: "福州市鼓楼区机关事务服务中心",
  taxNumber: "12350102MB0000000X",
  poReference: "",
  purpose: "canteen",
  paymentMethod: "bank_transfer",
};

let orderId = 0;

describe("the buyer's cart page", () => {
  it("refuses a quantity below the minimum with a translated message, then adds and places once per key", async () => {
    const productId = String(coopProduct.id);
    const below = await call("unit", "cart", "action", {
      form: { intent: "set", productId, qty: "1" },
    });
    expect(below.status).toBe(400);
    expect(String(below.body.alert)).toMatch(/最低起订量/);
    // Enough to pass the unit's approval threshold, so the approver must act.
    const qty = String(Math.ceil(6_000_000 / coopProduct.priceFen) + coopProduct.minOrderQty);
    expect(
      (await call("unit", "cart", "action", { form: { intent: "add", productId, qty } })).status,
    ).toBe(303);
    const bad = await call("unit", "cart", "action", {
      form: { ...details, intent: "place", idempotencyKey: crypto.randomUUID(), taxNumber: "税号" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toMatchObject({ taxNumber: ["forms.taxNumber"] });
    const key = crypto.randomUUID();
    const first = await call("unit", "cart", "action", {
      form: { ...details, intent: "place", idempotencyKey: key },
    });
    const second = await call("unit", "cart", "action", {
      form: { ...details, intent: "place", idempotencyKey: key },
    });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.response?.headers.get("Location")).toBe(first.response?.headers.get("Location"));
    const checkout = db.select().from(checkouts).where(eq(checkouts.idempotencyKey, key)).get()!;
    const placed = db.select().from(orders).where(eq(orders.checkoutId, checkout.id)).all();
    expect(placed).toHaveLength(1);
    orderId = placed[0]!.id;
    expect(placed[0]!.status).toBe("awaiting_approval");
  });
});

describe("an order's pages", () => {
  const params = () => ({ id: String(orderId) });

  it("only the unit's people see the buyer page; other organisations get 404", async () => {
    expect((await call("unit", "buyerOrder", "loader", { params: params() })).status).toBe(200);
    expect((await call("union", "buyerOrder", "loader", { params: params() })).status).toBe(404);
    expect((await call("coop", "buyerOrder", "loader", { params: params() })).status).toBe(403);
    expect((await call("potato", "sellerOrder", "loader", { params: params() })).status).toBe(404);
    expect((await call("coop", "sellerOrder", "loader", { params: params() })).status).toBe(200);
  });

  it("the purchaser cannot approve; returning needs a reason; the approver approves", async () => {
    const purchaser = await call("unit", "buyerOrder", "action", {
      params: params(),
      form: { intent: "approve" },
    });
    expect(purchaser.status).toBe(409);
    const noReason = await call("approver", "buyerOrder", "action", {
      params: params(),
      form: { intent: "return" },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fieldErrors).toEqual({ note: ["forms.reasonRequired"] });
    const approved = await call("approver", "buyerOrder", "action", {
      params: params(),
      form: { intent: "approve", note: "同意采购" },
    });
    expect(approved.status).toBe(200);
    expect(getOrder(db, orderId)!.status).toBe("awaiting_payment");
  });

  it("the buyer attaches a transfer slip, checked by content", async () => {
    const renamed = new FormData();
    renamed.set("intent", "slip");
    renamed.set("slip", new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], "slip.pdf"));
    const refused = await call("unit", "buyerOrder", "action", {
      params: params(),
      multipart: renamed,
    });
    expect(refused.status).toBe(400);
    // The upload field is chosen by the form's action URL; without ?upload=slip the file is not a slip.
    expect(getOrder(db, orderId)!.transferSlipKey).toBeNull();
    // Without a slip the order has no slip file, and the seller cannot confirm the transfer.
    expect(
      (await call("unit", "files", "loader", { params: { id: String(orderId), kind: "slip" } }))
        .status,
    ).toBe(404);
    const sellerPage = await call("coop", "sellerOrder", "loader", { params: params() });
    expect(sellerPage.body).toMatchObject({ hasSlip: false });
    const unproven = await call("coop", "sellerOrder", "action", {
      params: params(),
      form: { intent: "pay" },
    });
    expect(unproven.status).toBe(409);
    expect(getOrder(db, orderId)).toMatchObject({ status: "awaiting_payment", paidAt: null });

    const slip = new FormData();
    slip.set("intent", "slip");
    slip.set("slip", new File([PDF], "转账回单.pdf"));
    const attached = await call("unit", "buyerOrder", "action", {
      params: params(),
      multipart: slip,
    });
    expect(attached.status).toBe(200);
    expect(getOrder(db, orderId)).toMatchObject({
      transferSlipKey: expect.stringMatching(/\.pdf$/),
      transferSlipType: "application/pdf",
    });
    expect((await call("coop", "sellerOrder", "loader", { params: params() })).body).toMatchObject({
      hasSlip: true,
    });
  });

  it("the seller confirms payment, confirms, ships with a tracking number and records the invoice scan", async () => {
    const step = (form: Record<string, string>) =>
      call("coop", "sellerOrder", "action", { params: params(), form });
    expect((await step({ intent: "confirm" })).status).toBe(409); // not paid yet
    expect((await step({ intent: "pay" })).status).toBe(200);
    expect((await step({ intent: "confirm" })).status).toBe(200);
    const noTracking = await step({ intent: "ship", carrier: "顺丰速运" });
    expect(noTracking.body.fieldErrors).toEqual({ trackingNumber: ["forms.required"] });
    expect(
      (await step({ intent: "ship", carrier: "顺丰速运", trackingNumber: "SF100200300" })).status,
    ).toBe(200);
    const invoice = new FormData();
    invoice.set("invoiceNumber", "35012600998877");
    invoice.set("invoiceFile", new File([PDF], "发票.pdf"));
    const recorded = await call("coop", "sellerOrder", "action", {
      params: params(),
      multipart: invoice,
    });
    expect(recorded.status).toBe(200);
    expect(getOrder(db, orderId)).toMatchObject({
      status: "shipped",
      invoiceNumber: "35012600998877",
    });
  });

  it("the buyer accepts with a photo, not the placer but another person of the unit; the order is counted", async () => {
    const photo = await sharp({
      create: { width: 64, height: 48, channels: 3, background: "#804020" },
    })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.set("intent", "accept");
    form.set("note", "到货无误");
    form.set("photo", new File([new Uint8Array(photo)], "goods.jpg"));
    // The placer sees a hint instead of the form, and the step is refused.
    expect((await call("unit", "buyerOrder", "loader", { params: params() })).body).toMatchObject({
      ownOrder: true,
    });
    const own = await call("unit", "buyerOrder", "action", { params: params(), multipart: form });
    expect(own.status).toBe(409);
    expect(getOrder(db, orderId)).toMatchObject({ status: "shipped", acceptancePhotoKey: null });
    expect(
      (await call("approver", "buyerOrder", "loader", { params: params() })).body,
    ).toMatchObject({ ownOrder: false });
    const accepted = await call("approver", "buyerOrder", "action", {
      params: params(),
      multipart: form,
    });
    expect(accepted.status).toBe(200);
    const order = getOrder(db, orderId)!;
    expect(order).toMatchObject({ status: "completed", acceptanceNote: "到货无误" });
    const approver = db.select().from(users).where(eq(users.email, "approver@example.com")).get()!;
    expect(order.acceptedBy).toBe(approver.id);
    expect(order.countedSeq).not.toBeNull();
    expect(order.acceptancePhotoKey).toMatch(/\.jpg$/);
  });

  it("the order's files go to its buyer, seller and the office, and to nobody else", async () => {
    for (const kind of ["slip", "invoice", "photo"]) {
      for (const who of ["unit", "coop", "office"] as const) {
        const got = await call(who, "files", "loader", { params: { id: String(orderId), kind } });
        expect(got.status, `${who} ${kind}`).toBe(200);
        expect(got.response?.headers.get("Content-Disposition")).toMatch(/^attachment;/);
        expect(got.response?.headers.get("Content-Security-Policy")).toContain("sandbox");
      }
      for (const who of ["union", "potato"] as const) {
        expect(
          (await call(who, "files", "loader", { params: { id: String(orderId), kind } })).status,
        ).toBe(404);
      }
    }
    expect(
      (
        await call("unit", "files", "loader", {
          params: { id: String(orderId), kind: "../../etc" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call("anonymous", "files", "loader", {
          params: { id: String(orderId), kind: "invoice" },
        })
      ).status,
    ).toBe(302);
  });
});
