/**
 * The data both printable documents of an order show (purchase order 采购单,
 * delivery note 送货单), for its buyer, its seller and the office only.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { db, sqlite } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { fenToChineseCapital } from "~/domain/money-words";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { orderParties, orderPath, viewerOf } from "~/models/order-access.server";
import { getOrder } from "~/models/orders.server";
import { placeNames } from "~/models/reference.server";

export type OrderDocumentKind = "purchaseOrder" | "deliveryNote";

/**
 * Loads the order behind a document. Anonymous visitors go to sign in; anyone
 * who is not its buyer, its seller or the office gets a 404.
 */
export async function loadOrderDocument(
  { request, params }: Pick<LoaderFunctionArgs, "request" | "params">,
  kind: OrderDocumentKind,
) {
  const current = await requireUser(request);
  const { language, t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const parties = id.success ? orderParties(db, id.data) : null;
  const viewer = parties ? viewerOf(current.acting, parties) : null;
  const order = parties && viewer ? getOrder(db, parties.id) : null;
  if (!order || !viewer) throw new Response(t("officeOrders.notFound"), { status: 404 });
  const places = placeNames(sqlite, language);
  const at = (date: Date | null) => (date ? formatDateTime(date, language) : null);
  const approval = [...order.events].reverse().find((event) => event.action === "approve");
  return {
    title: `${t(`printDocs.${kind}.title`)} ${order.number} · ${t("site.name")}`,
    description: t(`descriptions.${kind}`, { number: order.number }),
    kind,
    backTo: orderPath(viewer, order.id),
    order: {
      number: order.number,
      status: order.status,
      createdAt: at(order.createdAt),
      placedByName: order.placedByName,
      approvedAt: at(order.approvedAt),
      approvedByName: approval?.actorName ?? null,
      paidAt: at(order.paidAt),
      shippedAt: at(order.shippedAt),
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
      deliveredAt: at(order.deliveredAt),
      totalFen: order.totalFen,
      totalCapital: fenToChineseCapital(order.totalFen),
    },
    buyer: {
      name: localise(language, order.buyer.nameZh, order.buyer.nameEn),
      invoiceTitle: order.invoiceTitle,
      taxNumber: order.taxNumber,
      poReference: order.poReference,
      purpose: order.purpose,
      deliveryAddress: order.deliveryAddress,
      contactName: order.contactName,
      contactPhone: order.contactPhone,
    },
    seller: {
      name: localise(language, order.seller.nameZh, order.seller.nameEn),
      creditCode: order.seller.creditCode,
      bankName: order.seller.bankName,
      bankAccountName: order.seller.bankAccountName,
      bankAccountNumber: order.seller.bankAccountNumber,
      contact: [order.seller.contactName, order.seller.contactPhone].filter(Boolean).join(" · "),
      address: order.seller.address,
    },
    lines: order.lines.map((line) => ({
      id: line.id,
      name: localise(language, line.nameZh, line.nameEn),
      county: places[line.countyCode] ?? line.countyCode,
      certificationNumber: line.certificationNumber,
      qty: line.qty,
      unitCode: line.unitCode,
      unitPriceFen: line.unitPriceFen,
      lineTotalFen: line.lineTotalFen,
    })),
  };
}

export type OrderDocumentData = Awaited<ReturnType<typeof loadOrderDocument>>;
