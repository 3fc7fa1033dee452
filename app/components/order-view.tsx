import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import type { OrderViewData } from "~/utils/order-view.server";
import { Money } from "./money";

/** An order's status in words, as a badge. */
export function OrderStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge order-${status}`}>{t(`orderStatus.${status}`)}</span>;
}

/**
 * An order as its buyer, seller and the office see it: what was ordered at
 * which price, who and where, how it is paid and delivered, and its history.
 */
export function OrderView({ order, children }: { order: OrderViewData; children?: ReactNode }) {
  const t = useT();
  return (
    <>
      <p className="order-heading">
        <strong>{t("orderView.number", { number: order.number })}</strong>{" "}
        <OrderStatusBadge status={order.status} />
      </p>
      {order.status === "awaiting_payment" && order.paymentMethod === "bank_transfer" ? (
        <section className="panel" aria-labelledby={`transfer-${order.id}`}>
          <h2 id={`transfer-${order.id}`}>{t("orderView.transferHeading")}</h2>
          {order.sellerBank ? (
            <dl className="facts">
              <dt>{t("orderView.bank")}</dt>
              <dd>{order.sellerBank.bank}</dd>
              <dt>{t("orderView.accountName")}</dt>
              <dd>{order.sellerBank.accountName}</dd>
              <dt>{t("orderView.accountNumber")}</dt>
              <dd className="mono">{order.sellerBank.accountNumber}</dd>
              <dt>{t("orderView.amount")}</dt>
              <dd>
                <Money fen={order.totalFen} />
              </dd>
              <dt>{t("orderView.reference")}</dt>
              <dd className="mono">
                <strong>{order.transferReference}</strong>
              </dd>
            </dl>
          ) : (
            <p>{t("orderView.noAccount")}</p>
          )}
          <p className="hint">{t("orderView.referenceHint")}</p>
        </section>
      ) : null}

      {children}

      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption>{t("orderView.linesCaption", { seller: order.seller })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("orderView.product")}</th>
              <th scope="col">{t("orderView.qty")}</th>
              <th scope="col">{t("orderView.unitPrice")}</th>
              <th scope="col">{t("orderView.lineTotal")}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.id}>
                <th scope="row">
                  {line.name}
                  <br />
                  <span className="hint">
                    {line.county}
                    {line.certificationNumber
                      ? ` · ${t("orderView.certified", { number: line.certificationNumber })}`
                      : ""}
                  </span>
                </th>
                <td>{t("product.quantity", { count: line.qty, unit: line.unit })}</td>
                <td>
                  <Money fen={line.unitPriceFen} />
                  {line.unitPriceFen < line.baseUnitPriceFen ? (
                    <>
                      <br />
                      <span className="hint">
                        {t("orderView.tierFrom")} <Money fen={line.baseUnitPriceFen} />
                      </span>
                    </>
                  ) : null}
                </td>
                <td>
                  <Money fen={line.lineTotalFen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t("orderView.total")}
              </th>
              <td>
                <strong>
                  <Money fen={order.totalFen} />
                </strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      <dl className="facts panel">
        <dt>{t("orderView.buyer")}</dt>
        <dd>
          {order.buyer} · {t("orderView.placedBy", { name: order.placedBy, at: order.createdAt })}
        </dd>
        <dt>{t("orderView.seller")}</dt>
        <dd>{order.seller}</dd>
        <dt>{t("checkout.deliveryAddress")}</dt>
        <dd>
          {order.deliveryAddress} · {order.contactName} · {order.contactPhone}
        </dd>
        <dt>{t("checkout.invoiceTitle")}</dt>
        <dd>
          {order.invoiceTitle} · {t("checkout.taxNumber")} {order.taxNumber}
        </dd>
        {order.poReference ? (
          <>
            <dt>{t("checkout.poReference")}</dt>
            <dd>{order.poReference}</dd>
          </>
        ) : null}
        <dt>{t("checkout.purpose")}</dt>
        <dd>{t(`checkout.purposes.${order.purpose}`)}</dd>
        <dt>{t("checkout.paymentMethod")}</dt>
        <dd>
          {t(`checkout.methods.${order.paymentMethod}`)}
          {order.paidAt ? ` · ${t("orderView.paidAt", { at: order.paidAt })}` : ""}
          {order.hasTransferSlip ? (
            <>
              {" · "}
              <a href={`/orders/${order.id}/files/slip`}>{t("orderView.slipAttached")}</a>
            </>
          ) : null}
        </dd>
        {order.carrier ? (
          <>
            <dt>{t("orderView.shipping")}</dt>
            <dd>
              {order.carrier} · <span className="mono">{order.trackingNumber}</span>
              {order.shippedAt ? ` · ${order.shippedAt}` : ""}
            </dd>
          </>
        ) : null}
        <dt>{t("orderView.invoice")}</dt>
        <dd>
          {order.invoiceNumber ?? t("orderView.noInvoice")}
          {order.hasInvoiceFile ? (
            <>
              {" · "}
              <a href={`/orders/${order.id}/files/invoice`}>{t("orderView.invoiceFile")}</a>
            </>
          ) : null}
        </dd>
        {order.acceptedAt ? (
          <>
            <dt>{t("orderView.acceptance")}</dt>
            <dd>
              {order.acceptedAt}
              {order.acceptanceNote ? ` · ${order.acceptanceNote}` : ""}
              {order.hasAcceptancePhoto ? (
                <>
                  {" · "}
                  <a href={`/orders/${order.id}/files/photo`}>{t("orderView.acceptancePhoto")}</a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {order.countedSeq !== null ? (
          <>
            <dt>{t("orderView.counted")}</dt>
            <dd>
              {t("orderView.countedAs", { seq: order.countedSeq })}
              {order.reversalSeq !== null
                ? ` · ${t("orderView.reversedAs", { seq: order.reversalSeq })}`
                : ""}
            </dd>
          </>
        ) : null}
      </dl>

      <p className="inline-form">
        <a href={`/orders/${order.id}/purchase-order`}>{t("orderView.printOrder")}</a>
        <a href={`/orders/${order.id}/delivery-note`}>{t("orderView.printDelivery")}</a>
      </p>

      <section aria-labelledby={`history-${order.id}`}>
        <h2 id={`history-${order.id}`}>{t("orderView.history")}</h2>
        <ol className="history">
          {order.events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.iso}>{event.at}</time> ·{" "}
              <strong>{t(`orderView.actions.${event.action}`)}</strong>
              {event.to ? ` → ${t(`orderStatus.${event.to}`)}` : ""}
              {event.note ? ` · ${event.note}` : ""}
              {event.actor ? ` · ${event.actor}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
