import { formatDateTime } from "~/domain/dates";
import type { OrderStatus } from "~/domain/order-status";
import type { Language } from "~/i18n/config";
import { localise } from "~/i18n/localise";
import type { getOrder } from "~/models/orders.server";

type FullOrder = NonNullable<ReturnType<typeof getOrder>>;

/** An order as every area's order page shows it, in the reader's language and Shanghai time. */
export function orderViewData(
  order: FullOrder,
  language: Language,
  names: { units: Record<string, string>; places: Record<string, string> },
) {
  const when = (at: Date | null) => (at ? formatDateTime(at, language) : null);
  return {
    id: order.id,
    number: order.number,
    status: order.status as OrderStatus,
    totalFen: order.totalFen,
    paymentMethod: order.paymentMethod,
    transferReference: order.transferReference,
    hasTransferSlip: order.transferSlipKey !== null,
    buyer: localise(language, order.buyer.nameZh, order.buyer.nameEn),
    seller: localise(language, order.seller.nameZh, order.seller.nameEn),
    sellerBank: order.seller.bankName
      ? {
          bank: order.seller.bankName,
          accountName: order.seller.bankAccountName,
          accountNumber: order.seller.bankAccountNumber,
        }
      : null,
    placedBy: order.placedByName,
    deliveryAddress: order.deliveryAddress,
    contactName: order.contactName,
    contactPhone: order.contactPhone,
    invoiceTitle: order.invoiceTitle,
    taxNumber: order.taxNumber,
    poReference: order.poReference,
    purpose: order.purpose,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    invoiceNumber: order.invoiceNumber,
    hasInvoiceFile: order.invoiceKey !== null,
    hasAcceptancePhoto: order.acceptancePhotoKey !== null,
    approvalComment: order.approvalComment,
    acceptanceNote: order.acceptanceNote,
    cancelReason: order.cancelReason,
    refundReason: order.refundReason,
    countedSeq: order.countedSeq,
    reversalSeq: order.reversalSeq,
    createdAt: when(order.createdAt),
    paidAt: when(order.paidAt),
    shippedAt: when(order.shippedAt),
    acceptedAt: when(order.acceptedAt),
    lines: order.lines.map((line) => ({
      id: line.id,
      productId: line.productId,
      name: localise(language, line.nameZh, line.nameEn),
      unit: names.units[line.unitCode] ?? line.unitCode,
      county: names.places[line.countyCode] ?? line.countyCode,
      certificationNumber: line.certificationNumber,
      qty: line.qty,
      unitPriceFen: line.unitPriceFen,
      baseUnitPriceFen: line.baseUnitPriceFen,
      lineTotalFen: line.lineTotalFen,
    })),
    events: order.events.map((event) => ({
      id: event.id,
      at: formatDateTime(event.at, language),
      iso: event.at.toISOString(),
      action: event.action,
      from: event.fromStatus,
      to: event.toStatus,
      note: event.note,
      actor: event.actorName ?? "",
    })),
  };
}

export type OrderViewData = ReturnType<typeof orderViewData>;
