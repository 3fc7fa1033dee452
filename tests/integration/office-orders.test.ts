/**
 * The office's orders and what every party shares about an order, against a
 * real SQLite file: the filtered list, stuck orders, the office's actions and
 * their guards, the printable documents, the notification list and the
 * /orders/:id link that notifications carry.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, isNull, like } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderDocument } from "~/components/order-document";
import { formatFen } from "~/domain/money";
import { fenToChineseCapital } from "~/domain/money-words";
import { i18nFor } from "~/i18n/i18n.server";
import { createSession } from "~/models/auth.server";
import { setCartQuantity } from "~/models/cart.server";
import { listNotices, markAllRead, unreadCount } from "~/models/notices.server";
import {
  listOfficeOrders,
  STUCK_UNACCEPTED_DAYS,
  STUCK_UNSHIPPED_DAYS,
  stuckOrders,
} from "~/models/office-orders.server";
import {
  actOnOrder,
  getOrder,
  placeOrders,
  type CheckoutDetails,
  type OrderActorRef,
} from "~/models/orders.server";
import type { OrderDocumentData } from "~/utils/order-documents.server";
import { memberships, notifications, outbox, products, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

// Seed the file the app itself opens (DATABASE_PATH), so route modules see the same data.
const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db } = seeded;
afterAll(() => seeded.sqlite.close());

const DAY = 86_400_000;
const people = ["office", "unit", "approver", "union", "coop"] as const;
type Who = (typeof people)[number];
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type Module = { loader?: Handler; action?: Handler };

const cookies = {} as Record<Who, string>;
const ids = {} as Record<Who, { userId: number; orgId: number }>;
const routes: Record<string, Module> = {};
let minxian: typeof products.$inferSelect; // the demo cooperative's (coop@), in 岷县
let anding: typeof products.$inferSelect; // another seller's, in 安定区

beforeAll(async () => {
  for (const who of people) {
    const user = db
      .select()
      .from(users)
      .where(eq(users.email, `${who}@example.com`))
      .get()!;
    const membership = db.select().from(memberships).where(eq(memberships.userId, user.id)).get()!;
    ids[who] = { userId: user.id, orgId: membership.orgId };
  }
  const listed = db.select().from(products).where(eq(products.status, "listed")).all();
  minxian = listed.find((p) => p.sellerId === ids.coop.orgId && p.stock >= 100)!;
  anding = listed.find(
    (p) => p.countyCode === "621102" && p.sellerId !== ids.coop.orgId && p.stock >= 100,
  )!;
  Object.assign(routes, {
    list: await import("~/routes/office.orders._index"),
    detail: await import("~/routes/office.orders.$id"),
    link: await import("~/routes/orders.$id._index"),
    purchaseOrder: await import("~/routes/orders.$id.purchase-order"),
    deliveryNote: await import("~/routes/orders.$id.delivery-note"),
    notices: await import("~/routes/account.notifications"),
  });
  const { sessionCookie } = await import("~/auth/session.server");
  for (const who of people) {
    const id = createSession(db, {
      userId: ids[who].userId,
      actingOrgId: ids[who].orgId,
      ip: "",
      userAgent: "",
    });
    cookies[who] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
});

const details: CheckoutDetails = {
  deliveryAddress: "福州市鼓楼区机关食堂",
  contactName: "陈采购",
  contactPhone: "0591-87000002",
  invoiceTitle: "福州市鼓楼区机关事务服务中心",
  taxNumber: "12350102MB0D00002X",
  poReference: "GL-2026-042",
  purpose: "canteen",
  paymentMethod: "bank_transfer",
};

let keys = 0;
/** Places one order for `who`'s organisation at `now`, approved when the unit's threshold needs it. */
function place(who: "unit" | "union", product: typeof products.$inferSelect, now: Date): number {
  const buyer = ids[who];
  expect(
    setCartQuantity(
      db,
      {
        buyerOrgId: buyer.orgId,
        userId: buyer.userId,
        productId: product.id,
        qty: product.minOrderQty,
        mode: "set",
      },
      now,
    ),
  ).toMatchObject({ ok: true });
  const result = placeOrders(
    db,
    {
      buyerOrgId: buyer.orgId,
      userId: buyer.userId,
      ip: "",
      idempotencyKey: `office-orders-${++keys}`,
      details,
    },
    now,
  );
  if (!result.ok) throw new Error(`placing failed: ${result.reason}`);
  const id = result.orderIds[0]!;
  if (result.needsApproval) {
    const approver = who === "unit" ? ids.approver : ids.union;
    act(id, "approve", { ...approver, ip: "", as: "approver" }, now);
  }
  return id;
}

const sellerOf = (orderId: number): OrderActorRef => {
  const order = getOrder(db, orderId)!;
  const coop = order.sellerOrgId === ids.coop.orgId;
  return {
    userId: coop ? ids.coop.userId : ids.office.userId,
    orgId: order.sellerOrgId,
    ip: "",
    as: "seller",
  };
};

function act(
  orderId: number,
  action: Parameters<typeof actOnOrder>[1]["action"],
  actor: OrderActorRef,
  now: Date,
  note = "",
) {
  const result = actOnOrder(db, { orderId, action, actor, note }, now);
  expect(result, `${action} on ${orderId}`).toMatchObject({ ok: true });
}

const asOffice = (): OrderActorRef => ({
  userId: ids.office.userId,
  orgId: ids.office.orgId,
  ip: "",
  as: "office",
});

/** The office confirms a bank transfer with no slip attached: only with its reason. */
const SLIP_REASON = "银行回单已核对";

function args(
  who: Who | "anonymous",
  url: string,
  params: Record<string, string> = {},
  form?: Record<string, string>,
): LoaderFunctionArgs {
  const headers = new Headers();
  if (who !== "anonymous") headers.set("Cookie", cookies[who]);
  const init: RequestInit = { headers };
  if (form) {
    init.method = "POST";
    init.body = new URLSearchParams(form);
  }
  return { request: new Request(`http://localhost${url}`, init), params, context: {} };
}

/** The status a handler answers with: its Response's (thrown or returned), or 200 for data. */
async function statusOf(run: () => unknown): Promise<{ status: number; response?: Response }> {
  try {
    const result = await run();
    return result instanceof Response
      ? { status: result.status, response: result }
      : { status: 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

// Orders placed at fixed instants in the spring, so month filters and waits are exact.
const MARCH = new Date("2026-03-10T02:00:00Z");
const LATE_MARCH_UTC = new Date("2026-03-31T17:00:00Z"); // 1 April, 01:00 in Shanghai
const APRIL = new Date("2026-04-20T02:00:00Z");
const placed = {} as Record<"unitMinxian" | "unitAnding" | "unionMinxian" | "unionApril", number>;

beforeAll(() => {
  placed.unitMinxian = place("unit", minxian, MARCH);
  placed.unitAnding = place("unit", anding, MARCH);
  placed.unionMinxian = place("union", minxian, LATE_MARCH_UTC);
  placed.unionApril = place("union", anding, APRIL);
  act(placed.unitMinxian, "pay", asOffice(), new Date(MARCH.getTime() + DAY), SLIP_REASON);
});

describe("the office's order list", () => {
  const idsOf = (query: Parameters<typeof listOfficeOrders>[1]) =>
    listOfficeOrders(db, query)
      .rows.map((r) => r.id)
      .filter((id) => Object.values(placed).includes(id))
      .sort((a, b) => a - b);

  it("narrows by the buyer's district, the seller's county, the seller and the status", () => {
    expect(idsOf({ jurisdictionCode: "350102" })).toEqual([placed.unitMinxian, placed.unitAnding]);
    expect(idsOf({ jurisdictionCode: "350103" })).toEqual([placed.unionMinxian, placed.unionApril]);
    expect(idsOf({ countyCode: "621126" })).toEqual([placed.unitMinxian, placed.unionMinxian]);
    expect(idsOf({ sellerOrgId: anding.sellerId })).toEqual([placed.unitAnding, placed.unionApril]);
    expect(idsOf({ status: "paid" })).toEqual([placed.unitMinxian]);
    expect(idsOf({ jurisdictionCode: "350103", countyCode: "621102" })).toEqual([
      placed.unionApril,
    ]);
  });

  it("takes the month in Shanghai time", () => {
    expect(idsOf({ month: "2026-03" })).toEqual([placed.unitMinxian, placed.unitAnding]);
    expect(idsOf({ month: "2026-04" })).toEqual([placed.unionMinxian, placed.unionApril]);
    expect(idsOf({ month: "2026-05" })).toEqual([]);
  });

  it("is the office's page, filtered from the query string, with bad filters ignored", async () => {
    const data = (await routes.list!.loader!(
      args("office", "/office/orders?county=621126&district=350103&status=nonsense&seller=x"),
    )) as { rows: { id: number; status: string }[]; total: number; filter: object };
    expect(data.rows.map((r) => r.id)).toEqual([placed.unionMinxian]);
    expect(data.filter).toEqual({ county: "621126", district: "350103" });
    for (const who of ["unit", "union", "coop"] as const) {
      expect((await statusOf(() => routes.list!.loader!(args(who, "/office/orders")))).status).toBe(
        403,
      );
    }
    const anonymous = await statusOf(() =>
      routes.list!.loader!(args("anonymous", "/office/orders")),
    );
    expect(anonymous.status).toBe(302);
  });
});

describe("stuck orders", () => {
  it("finds a paid order not shipped at 7 days, and not a moment before", () => {
    const id = place("unit", minxian, MARCH);
    const paidAt = new Date(MARCH.getTime() + 2 * DAY);
    act(id, "pay", asOffice(), paidAt, SLIP_REASON);
    act(id, "confirm", sellerOf(id), new Date(paidAt.getTime() + DAY)); // confirmed still waits
    const due = paidAt.getTime() + STUCK_UNSHIPPED_DAYS * DAY;
    expect(stuckOrders(db, new Date(due - 1)).map((o) => o.id)).not.toContain(id);
    const stuck = stuckOrders(db, new Date(due)).find((o) => o.id === id);
    expect(stuck).toMatchObject({ kind: "not_shipped", days: 7, status: "confirmed" });
    act(id, "ship", sellerOf(id), new Date(due + DAY));
    expect(stuckOrders(db, new Date(due + 2 * DAY)).map((o) => o.id)).not.toContain(id);
  });

  it("finds a shipped order not accepted 15 days after delivery, or shipping when never delivered", () => {
    const id = place("unit", anding, MARCH);
    act(id, "pay", asOffice(), MARCH, SLIP_REASON);
    act(id, "confirm", sellerOf(id), MARCH);
    const shippedAt = new Date(MARCH.getTime() + DAY);
    act(id, "ship", sellerOf(id), shippedAt);
    const dueAfterShipping = shippedAt.getTime() + STUCK_UNACCEPTED_DAYS * DAY;
    const stuckAt = (at: number) => stuckOrders(db, new Date(at)).find((o) => o.id === id);
    expect(stuckAt(dueAfterShipping - 1)).toBeUndefined();
    expect(stuckAt(dueAfterShipping)).toMatchObject({ kind: "not_accepted", days: 15 });

    const deliveredAt = new Date(shippedAt.getTime() + 10 * DAY);
    act(id, "deliver", sellerOf(id), deliveredAt);
    const dueAfterDelivery = deliveredAt.getTime() + STUCK_UNACCEPTED_DAYS * DAY;
    expect(stuckAt(dueAfterShipping)).toBeUndefined(); // the wait now runs from delivery
    expect(stuckAt(dueAfterDelivery - 1)).toBeUndefined();
    expect(stuckAt(dueAfterDelivery)).toMatchObject({ kind: "not_accepted", status: "delivered" });

    // Whoever placed the order cannot accept it: the unit's approver does.
    expect(
      actOnOrder(
        db,
        { orderId: id, action: "accept", actor: { ...ids.unit, ip: "", as: "buyer" } },
        new Date(dueAfterDelivery),
      ),
    ).toEqual({ ok: false, reason: "own_acceptance" });
    act(id, "accept", { ...ids.approver, ip: "", as: "buyer" }, new Date(dueAfterDelivery));
    expect(stuckAt(dueAfterDelivery + DAY)).toBeUndefined();
  });

  it("leaves unpaid and closed orders alone", () => {
    const waiting = stuckOrders(db, new Date("2030-01-01T00:00:00Z")).map((o) => o.id);
    expect(waiting).not.toContain(placed.unitAnding); // awaiting payment: the buyer's move
    expect(waiting).toContain(placed.unitMinxian); // paid in March, never shipped
  });
});

describe("the office's actions on an order", () => {
  const post = (who: Who, id: number, form: Record<string, string>) =>
    statusOf(() =>
      routes.detail!.action!(args(who, `/office/orders/${id}`, { id: String(id) }, form)),
    );

  it("are the office's only: 403 for buyers and sellers, 404 for unknown orders", async () => {
    const id = placed.unionApril;
    for (const who of ["unit", "union", "coop"] as const) {
      expect((await post(who, id, { intent: "cancel", reason: "x" })).status).toBe(403);
      expect(
        (
          await statusOf(() =>
            routes.detail!.loader!(args(who, `/office/orders/${id}`, { id: String(id) })),
          )
        ).status,
      ).toBe(403);
    }
    expect((await post("office", 999_999, { intent: "cancel", reason: "x" })).status).toBe(404);
    expect((await post("office", id, { intent: "explode" })).status).toBe(400);
    expect((await post("office", id, {})).status).toBe(400);
    expect(getOrder(db, id)!.status).toBe("awaiting_payment");
  });

  it("need a reason to cancel or refund", async () => {
    const id = placed.unionApril;
    const blank = await post("office", id, { intent: "cancel", reason: "   " });
    expect(blank.status).toBe(400);
    expect(await blank.response!.json()).toMatchObject({
      intent: "cancel",
      fieldErrors: { reason: ["forms.required"] },
    });
    expect(getOrder(db, id)!.status).toBe("awaiting_payment");
  });

  it("confirm a bank transfer, mark delivered, cancel with a reason and record a refund", async () => {
    const id = place("union", minxian, APRIL);
    const page = () =>
      routes.detail!.loader!(
        args("office", `/office/orders/${id}`, { id: String(id) }),
      ) as Promise<{
        intents: string[];
        events: { action: string; actorName: string | null }[];
        order: { totalCapital: string };
      }>;
    expect((await page()).intents).toEqual(["confirm-payment", "cancel"]);
    // No slip is attached: the office confirms the transfer only with its reason.
    const unexplained = await post("office", id, { intent: "confirm-payment", reason: "  " });
    expect(unexplained.status).toBe(400);
    expect(await unexplained.response!.json()).toMatchObject({
      intent: "confirm-payment",
      fieldErrors: { reason: ["forms.required"] },
    });
    expect(getOrder(db, id)!.status).toBe("awaiting_payment");
    const paid = await post("office", id, { intent: "confirm-payment", reason: "已核对到账" });
    expect(paid.status).toBe(303);
    expect(paid.response!.headers.get("Location")).toBe(
      `/office/orders/${id}?done=confirm-payment`,
    );
    expect(getOrder(db, id)).toMatchObject({
      status: "paid",
      paymentConfirmedBy: ids.office.userId,
      paymentConfirmationNote: "已核对到账",
    });
    // Not a step the order is at: refused with a reason, nothing changes.
    expect((await post("office", id, { intent: "mark-delivered" })).status).toBe(409);
    expect((await post("office", id, { intent: "cancel", reason: "采购计划取消" })).status).toBe(
      303,
    );
    expect(getOrder(db, id)).toMatchObject({ status: "cancelled", cancelReason: "采购计划取消" });
    expect((await page()).intents).toEqual(["refund"]);
    expect((await post("office", id, { intent: "refund", reason: "已原路退回" })).status).toBe(303);
    expect(getOrder(db, id)).toMatchObject({ status: "refunded", refundReason: "已原路退回" });
    const history = (await page()).events;
    expect(history.map((e) => e.action)).toEqual(["place", "pay", "cancel", "refund"]);
    expect(history[1]?.actorName).toBe("林协调");
  });

  it("refuse a refund for an order that was never paid", async () => {
    const id = place("union", anding, APRIL);
    expect((await post("office", id, { intent: "cancel", reason: "重复下单" })).status).toBe(303);
    expect((await post("office", id, { intent: "refund", reason: "x" })).status).toBe(409);
    expect(getOrder(db, id)!.status).toBe("cancelled");
  });

  it("mark a shipped order delivered", async () => {
    const id = place("unit", anding, APRIL);
    act(id, "pay", asOffice(), APRIL, SLIP_REASON);
    act(id, "confirm", sellerOf(id), APRIL);
    act(id, "ship", sellerOf(id), APRIL);
    expect((await post("office", id, { intent: "mark-delivered" })).status).toBe(303);
    expect(getOrder(db, id)!.status).toBe("delivered");
  });
});

describe("the printable documents", () => {
  const load = (who: Who | "anonymous", kind: "purchaseOrder" | "deliveryNote", id: number) => {
    const path = kind === "purchaseOrder" ? "purchase-order" : "delivery-note";
    return statusOf(() =>
      routes[kind]!.loader!(args(who, `/orders/${id}/${path}`, { id: String(id) })),
    );
  };

  it("open for the buyer, the seller and the office, and are 404 for anyone else", async () => {
    const id = placed.unitMinxian; // 鼓楼 unit buys from coop@'s cooperative
    for (const kind of ["purchaseOrder", "deliveryNote"] as const) {
      for (const who of ["unit", "approver", "coop", "office"] as const)
        expect((await load(who, kind, id)).status, `${who} ${kind}`).toBe(200);
      expect((await load("union", kind, id)).status, `union ${kind}`).toBe(404);
      expect((await load("coop", kind, placed.unitAnding)).status, `other seller ${kind}`).toBe(
        404,
      );
      expect((await load("office", kind, 999_999)).status).toBe(404);
      expect((await load("anonymous", kind, id)).status).toBe(302);
    }
  });

  it("show the total in figures and in Chinese capitals, and print without JavaScript", async () => {
    const id = placed.unitMinxian;
    const order = getOrder(db, id)!;
    const data = (await routes.purchaseOrder!.loader!(
      args("unit", `/orders/${id}/purchase-order`, { id: String(id) }),
    )) as OrderDocumentData;
    expect(data.order.totalCapital).toBe(fenToChineseCapital(order.totalFen));
    expect(data.buyer).toMatchObject({ taxNumber: details.taxNumber, poReference: "GL-2026-042" });
    expect(data.seller.creditCode).toBe(order.seller.creditCode);
    expect(data.backTo).toBe(`/buyer/orders/${id}`);
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: i18nFor("zh-CN") },
        createElement(OrderDocument, { data }),
      ),
    );
    expect(html).toContain("<h1>采购单</h1>");
    expect(html).toContain(fenToChineseCapital(order.totalFen));
    expect(html).toContain(formatFen(order.totalFen));
    expect(html).toContain("审批人");
    expect(html).not.toContain("<button"); // "Print" appears only once JavaScript runs
    const note = (await routes.deliveryNote!.loader!(
      args("coop", `/orders/${id}/delivery-note`, { id: String(id) }),
    )) as OrderDocumentData;
    expect(note.backTo).toBe(`/seller/orders/${id}`);
    const noteHtml = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: i18nFor("zh-CN") },
        createElement(OrderDocument, { data: note }),
      ),
    );
    expect(noteHtml).toContain("<h1>送货单</h1>");
    expect(noteHtml).toContain("收货人");
  });
});

describe("notifications", () => {
  const load = (who: Who) =>
    routes.notices!.loader!(args(who, "/account/notifications")) as Promise<{
      total: number;
      unread: number;
      newestId: number | null;
      notices: { id: number; text: string; link: string; unread: boolean }[];
    }>;

  it("tell the buyer and the seller, in the outbox too, with the amount formatted", () => {
    const order = getOrder(db, placed.unitMinxian)!;
    const paid = db
      .select()
      .from(notifications)
      .where(eq(notifications.key, "notices.orderPaid"))
      .all()
      .filter((n) => n.values.id === order.id);
    expect(paid.map((n) => n.orgId).sort()).toEqual([ids.unit.orgId, ids.coop.orgId].sort());
    expect(paid[0]?.link).toBe(`/orders/${order.id}`);
    const mail = db
      .select()
      .from(outbox)
      .where(like(outbox.subject, `订单 ${order.number} 已付款%`))
      .get()!;
    expect(mail.subject).toBe(`订单 ${order.number} 已付款 / Order ${order.number} paid`);
    expect(mail.body).toContain(`货款 ${formatFen(order.totalFen)} 已确认到账`);
    expect(mail.body).toContain(`The payment of ${formatFen(order.totalFen)}`);
    expect(mail.body).not.toContain("{{");
  });

  it("list only the acting organisation's, newest first, in words", async () => {
    const coop = await load("coop");
    const coopRows = db
      .select()
      .from(notifications)
      .where(eq(notifications.orgId, ids.coop.orgId))
      .all();
    expect(coop.total).toBe(coopRows.length);
    expect(coop.notices.map((n) => n.id)).toEqual(
      coopRows
        .map((n) => n.id)
        .sort((a, b) => b - a)
        .slice(0, 50),
    );
    const placedNotice = coop.notices.find(
      (n) => n.link === `/orders/${placed.unitMinxian}` && n.text.startsWith("新订单"),
    );
    expect(placedNotice?.text).toMatch(/^新订单 FD\d{8}-\d{6}：福州市鼓楼区机关事务服务中心/);
    expect(coop.notices.every((n) => !n.text.startsWith("notices."))).toBe(true);
    const unit = await load("unit");
    const unitIds = new Set(unit.notices.map((n) => n.id));
    expect(coop.notices.some((n) => unitIds.has(n.id))).toBe(false);
    expect(listNotices(db, ids.union.orgId).rows.every((n) => n.orgId === ids.union.orgId)).toBe(
      true,
    );
  });

  it("mark read only the acting organisation's, up to the newest one shown", async () => {
    const before = await load("coop");
    expect(before.unread).toBeGreaterThan(0);
    const unitUnread = unreadCount(db, ids.unit.orgId);
    // One arrives after the page was shown: it stays unread.
    place("unit", minxian, APRIL);
    const post = (form: Record<string, string>) =>
      statusOf(() => routes.notices!.action!(args("coop", "/account/notifications", {}, form)));
    expect((await post({ intent: "shred" })).status).toBe(400);
    const done = await post({ intent: "mark-all-read", upTo: String(before.newestId) });
    expect(done.status).toBe(303);
    expect(done.response!.headers.get("Location")).toBe("/account/notifications?marked=1");
    const newer = db
      .select()
      .from(notifications)
      .where(eq(notifications.orgId, ids.coop.orgId))
      .all()
      .filter((n) => n.id > before.newestId!);
    expect(newer.map((n) => n.key)).toContain("notices.orderPlaced");
    expect(unreadCount(db, ids.coop.orgId)).toBe(newer.length);
    expect(unreadCount(db, ids.unit.orgId)).toBeGreaterThanOrEqual(unitUnread); // another tenant's
    const after = await load("coop");
    expect(after.notices.filter((n) => n.unread).map((n) => n.id)).toEqual(
      newer.map((n) => n.id).sort((a, b) => b - a),
    );
    expect(markAllRead(db, ids.coop.orgId)).toBe(newer.length);
    expect(
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.orgId, ids.coop.orgId), isNull(notifications.readAt)))
        .all(),
    ).toEqual([]);
  });
});

describe("the link in a notification (/orders/:id)", () => {
  const follow = (who: Who | "anonymous", id: number | string) =>
    statusOf(() => routes.link!.loader!(args(who, `/orders/${id}`, { id: String(id) })));

  it("sends each party to the order in its own area", async () => {
    const id = placed.unitMinxian;
    const expectations: [Who, string][] = [
      ["unit", `/buyer/orders/${id}`],
      ["approver", `/buyer/orders/${id}`],
      ["coop", `/seller/orders/${id}`],
      ["office", `/office/orders/${id}`],
    ];
    for (const [who, location] of expectations) {
      const { status, response } = await follow(who, id);
      expect(status, who).toBe(302);
      expect(response!.headers.get("Location"), who).toBe(location);
    }
  });

  it("is 404 for everyone else and for ids that are not orders, and asks the public to sign in", async () => {
    expect((await follow("union", placed.unitMinxian)).status).toBe(404);
    expect((await follow("coop", placed.unitAnding)).status).toBe(404);
    expect((await follow("unit", placed.unionApril)).status).toBe(404);
    for (const id of ["999999", "abc", "-1"]) expect((await follow("office", id)).status).toBe(404);
    const anonymous = await follow("anonymous", placed.unitMinxian);
    expect(anonymous.status).toBe(302);
    expect(anonymous.response!.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
