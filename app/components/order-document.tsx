import { useSyncExternalStore } from "react";
import { Money } from "~/components/money";
import { useT } from "~/i18n/use-t";
import type { OrderDocumentData } from "~/utils/order-documents.server";

const noSubscription = () => () => {};

/**
 * "Print" calls window.print(), so it exists only once the page runs
 * JavaScript; without it the browser's own print command prints the same page.
 */
function PrintButton() {
  const t = useT();
  // false while rendering on the server and hydrating, true once the page runs in the browser
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!hydrated) return null;
  return (
    <button type="button" className="print-button" onClick={() => window.print()}>
      {t("printDocs.print")}
    </button>
  );
}

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value ? value : "—"}</dd>
    </>
  );
}

/** A purchase order (采购单) or delivery note (送货单), laid out for A4 paper. */
export function OrderDocument({ data }: { data: OrderDocumentData }) {
  const t = useT();
  const { order, buyer, seller, kind } = data;
  const quantity = (count: number, unitCode: string) =>
    t("product.quantity", {
      count,
      unit: t(`units.${unitCode}`, { count, defaultValue: unitCode }),
    });
  return (
    <main id="main" className="page print-doc">
      <p className="print-actions">
        <a href={data.backTo}>{t("printDocs.back")}</a> <PrintButton />
      </p>
      <header className="print-doc-header">
        <p className="print-doc-issuer">{t("site.name")}</p>
        <h1>{t(`printDocs.${kind}.title`)}</h1>
        <p>
          {t("printDocs.heading", {
            number: order.number,
            status: t(`orderStatus.${order.status}`),
          })}
        </p>
      </header>

      <dl className="facts print-doc-dates">
        <Fact
          label={t("printDocs.placedAt")}
          value={[order.createdAt, order.placedByName].filter(Boolean).join(" · ")}
        />
        {kind === "purchaseOrder" ? (
          <>
            <Fact
              label={t("printDocs.approvedAt")}
              value={[order.approvedAt, order.approvedByName].filter(Boolean).join(" · ")}
            />
            <Fact label={t("printDocs.paidAt")} value={order.paidAt} />
          </>
        ) : (
          <>
            <Fact label={t("printDocs.shippedAt")} value={order.shippedAt} />
            <Fact
              label={t("printDocs.carrier")}
              value={[order.carrier, order.trackingNumber].filter(Boolean).join(" · ")}
            />
            <Fact label={t("printDocs.deliveredAt")} value={order.deliveredAt} />
          </>
        )}
      </dl>

      <div className="print-doc-parties">
        <section aria-labelledby="doc-buyer">
          <h2 id="doc-buyer">{t("printDocs.buyer")}</h2>
          <dl className="facts">
            <Fact label={t("printDocs.name")} value={buyer.name} />
            <Fact label={t("printDocs.invoiceTitle")} value={buyer.invoiceTitle} />
            <Fact label={t("printDocs.taxNumber")} value={buyer.taxNumber} />
            <Fact label={t("printDocs.poReference")} value={buyer.poReference} />
            <Fact label={t("printDocs.purpose")} value={t(`checkout.purposes.${buyer.purpose}`)} />
            <Fact label={t("printDocs.deliveryAddress")} value={buyer.deliveryAddress} />
            <Fact
              label={t("printDocs.contact")}
              value={`${buyer.contactName} · ${buyer.contactPhone}`}
            />
          </dl>
        </section>
        <section aria-labelledby="doc-seller">
          <h2 id="doc-seller">{t("printDocs.seller")}</h2>
          <dl className="facts">
            <Fact label={t("printDocs.name")} value={seller.name} />
            <Fact label={t("printDocs.creditCode")} value={seller.creditCode} />
            <Fact
              label={t("printDocs.bankAccount")}
              value={[seller.bankName, seller.bankAccountName, seller.bankAccountNumber]
                .filter(Boolean)
                .join(" · ")}
            />
            <Fact label={t("printDocs.contact")} value={seller.contact} />
            <Fact label={t("printDocs.address")} value={seller.address} />
          </dl>
        </section>
      </div>

      <h2 id="doc-lines">{t("printDocs.lines")}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table print-doc-lines" aria-labelledby="doc-lines">
          <thead>
            <tr>
              <th scope="col">{t("printDocs.columns.index")}</th>
              <th scope="col">{t("printDocs.columns.name")}</th>
              <th scope="col">{t("printDocs.columns.county")}</th>
              <th scope="col">{t("printDocs.columns.certification")}</th>
              <th scope="col">{t("printDocs.columns.qty")}</th>
              <th scope="col">{t("printDocs.columns.unitPrice")}</th>
              <th scope="col">{t("printDocs.columns.lineTotal")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((line, i) => (
              <tr key={line.id}>
                <td>{i + 1}</td>
                <td>{line.name}</td>
                <td>{line.county}</td>
                <td>{line.certificationNumber ?? "—"}</td>
                <td>{quantity(line.qty, line.unitCode)}</td>
                <td className="num">
                  <Money fen={line.unitPriceFen} />
                </td>
                <td className="num">
                  <Money fen={line.lineTotalFen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6}>
                {t("printDocs.total")}
              </th>
              <td className="num">
                <Money fen={order.totalFen} />
              </td>
            </tr>
            <tr>
              <th scope="row" colSpan={2}>
                {t("printDocs.totalCapital")}
              </th>
              <td colSpan={5} lang="zh-CN">
                {order.totalCapital}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      <div className="signature-boxes">
        {kind === "purchaseOrder" ? (
          <>
            <div className="signature-box">
              <p>{t("printDocs.signature.approvedBy")}</p>
            </div>
            <div className="signature-box">
              <p>{t("printDocs.signature.date")}</p>
            </div>
          </>
        ) : (
          <>
            <div className="signature-box">
              <p>{t("printDocs.signature.receivedBy")}</p>
            </div>
            <div className="signature-box">
              <p>{t("printDocs.signature.date")}</p>
            </div>
          </>
        )}
      </div>
      <p className="hint">{t(`printDocs.${kind}.footnote`)}</p>
    </main>
  );
}
