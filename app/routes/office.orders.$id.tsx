import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { ErrorList, FormAlert } from "~/components/form";
import { Money } from "~/components/money";
import { officeLinks } from "~/components/office-links";
import { db, sqlite } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { fenToChineseCapital } from "~/domain/money-words";
import {
  officeOrderActions,
  officeIntentNeedsReason,
  officeOrderActionSchema,
  officeOrderIntentSchema,
  type OfficeOrderIntent,
} from "~/domain/order-forms";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { officeIntents } from "~/models/office-orders.server";
import { actOnOrder, getOrder } from "~/models/orders.server";
import { refundOrder } from "~/utils/refund.server";
import { can } from "~/models/organisations.server";
import { placeNames } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

async function findOrder(request: Request, params: LoaderFunctionArgs["params"]) {
  const id = idParam.safeParse(params.id);
  const order = id.success ? getOrder(db, id.data) : null;
  if (!order) {
    const { t } = await getTranslator(request);
    throw new Response(t("officeOrders.notFound"), { status: 404 });
  }
  return order;
}

/** One order as the office sees it: both parties, what was bought, every step and who took it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:office:any");
  const { language, t } = await getTranslator(request);
  const order = await findOrder(request, params);
  const places = placeNames(sqlite, language);
  const at = (date: Date | null) => (date ? formatDateTime(date, language) : null);
  const doneParam = new URL(request.url).searchParams.get("done");
  const done =
    doneParam === "refund-requested"
      ? { success: true as const, data: "refund-requested" as const }
      : officeOrderIntentSchema.safeParse(doneParam);
  const canManage = can(current.acting, "manage:order:any");
  return {
    title: `${t("officeOrders.detailTitle", { number: order.number })} · ${t("site.name")}`,
    description: t("descriptions.officeOrder", { number: order.number }),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    done: done.success ? done.data : null,
    intents: canManage ? officeIntents(order) : [],
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      totalFen: order.totalFen,
      totalCapital: fenToChineseCapital(order.totalFen),
      createdAt: at(order.createdAt),
      updatedAt: at(order.updatedAt),
      placedByName: order.placedByName,
      approvedAt: at(order.approvedAt),
      approvalComment: order.approvalComment,
      paymentMethod: order.paymentMethod,
      transferReference: order.transferReference,
      hasTransferSlip: order.transferSlipKey !== null,
      paidAt: at(order.paidAt),
      stripeSessionId: order.stripeSessionId,
      confirmedAt: at(order.confirmedAt),
      shippedAt: at(order.shippedAt),
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
      deliveredAt: at(order.deliveredAt),
      acceptedAt: at(order.acceptedAt),
      acceptanceNote: order.acceptanceNote,
      deliveryAddress: order.deliveryAddress,
      contactName: order.contactName,
      contactPhone: order.contactPhone,
      invoiceTitle: order.invoiceTitle,
      taxNumber: order.taxNumber,
      poReference: order.poReference,
      purpose: order.purpose,
      invoiceNumber: order.invoiceNumber,
      invoicedAt: at(order.invoicedAt),
      completedAt: at(order.completedAt),
      countedSeq: order.countedSeq,
      cancelledAt: at(order.cancelledAt),
      cancelReason: order.cancelReason,
      refundedAt: at(order.refundedAt),
      refundReason: order.refundReason,
      reversalSeq: order.reversalSeq,
    },
    buyer: {
      name: localise(language, order.buyer.nameZh, order.buyer.nameEn),
      type: order.buyer.type,
      place: order.buyer.jurisdictionCode
        ? (places[order.buyer.jurisdictionCode] ?? order.buyer.jurisdictionCode)
        : null,
      creditCode: order.buyer.creditCode,
      contact: [order.buyer.contactName, order.buyer.contactPhone].filter(Boolean).join(" · "),
    },
    seller: {
      name: localise(language, order.seller.nameZh, order.seller.nameEn),
      place: order.seller.countyCode
        ? (places[order.seller.countyCode] ?? order.seller.countyCode)
        : null,
      creditCode: order.seller.creditCode,
      contact: [order.seller.contactName, order.seller.contactPhone].filter(Boolean).join(" · "),
      bank: [order.seller.bankName, order.seller.bankAccountName, order.seller.bankAccountNumber]
        .filter(Boolean)
        .join(" · "),
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
    events: order.events.map((event) => ({
      id: event.id,
      at: formatDateTime(event.at, language),
      iso: event.at.toISOString(),
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.note,
      actorName: event.actorName,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

interface ActionData {
  intent: OfficeOrderIntent;
  fieldErrors: FieldErrors;
  alert?: string;
}

function reply(status: number, body: ActionData) {
  return Response.json(body, { status });
}

/** The office's steps: confirm a bank transfer, mark delivered, cancel, record a refund. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "manage:order:any");
  const { t } = await getTranslator(request);
  const order = await findOrder(request, params);
  const form = await readFormData(request);
  const intent = officeOrderIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw new Response(t("officeOrders.badIntent"), { status: 400 });
  const parsed = parseForm(officeOrderActionSchema, form);
  if (!parsed.ok) return reply(400, { intent: intent.data, fieldErrors: parsed.fieldErrors });
  const data = parsed.data;
  if (!officeIntents(order).includes(data.intent))
    return reply(409, {
      intent: data.intent,
      fieldErrors: {},
      alert: t("officeOrders.refused.not_allowed"),
    });
  const actor = {
    userId: current.user.id,
    orgId: current.acting.orgId,
    ip: clientIpOf(context),
    as: "office" as const,
  };
  const note = "reason" in data ? data.reason : data.note;
  // Money paid online goes back through Stripe; the order is marked refunded when Stripe confirms.
  const result =
    officeOrderActions[data.intent] === "refund"
      ? await refundOrder(db, { orderId: order.id, actor, note })
      : actOnOrder(db, { orderId: order.id, action: officeOrderActions[data.intent], actor, note });
  if (!result.ok) {
    if (result.reason === "not_found")
      throw new Response(t("officeOrders.notFound"), { status: 404 });
    return reply(409, {
      intent: data.intent,
      fieldErrors: {},
      alert: t(`officeOrders.refused.${result.reason}`),
    });
  }
  const done =
    "status" in result && result.status === "refund_requested" ? "refund-requested" : data.intent;
  return redirect(`/office/orders/${order.id}?done=${done}`, 303);
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === "" ? "—" : value}</dd>
    </>
  );
}

export default function OfficeOrder() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const { order, buyer, seller } = data;
  const quantity = (count: number, unitCode: string) =>
    t("product.quantity", {
      count,
      unit: t(`units.${unitCode}`, { count, defaultValue: unitCode }),
    });
  const errorsFor = (intent: OfficeOrderIntent) =>
    result?.intent === intent ? result.fieldErrors : undefined;
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("officeOrders.detailTitle", { number: order.number })}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <p>
        <Link to="/office/orders">{t("officeOrders.back")}</Link> ·{" "}
        <a href={`/orders/${order.id}/purchase-order`}>{t("printDocs.purchaseOrder.title")}</a> ·{" "}
        <a href={`/orders/${order.id}/delivery-note`}>{t("printDocs.deliveryNote.title")}</a>
      </p>
      {data.done ? (
        <p className="form-success" role="status">
          {t(`officeOrders.done.${data.done}`)}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">
          {t("officeOrders.summary")}{" "}
          <span className={`badge status-${order.status}`}>{t(`orderStatus.${order.status}`)}</span>
        </h2>
        <dl className="facts">
          <Fact label={t("officeOrders.columns.total")} value={<Money fen={order.totalFen} />} />
          <Fact label={t("printDocs.totalCapital")} value={order.totalCapital} />
          <Fact
            label={t("officeOrders.fields.placed")}
            value={`${order.createdAt ?? ""} · ${order.placedByName}`}
          />
          <Fact label={t("officeOrders.columns.updated")} value={order.updatedAt} />
          {order.approvedAt ? (
            <Fact
              label={t("officeOrders.fields.approved")}
              value={[order.approvedAt, order.approvalComment].filter(Boolean).join(" · ")}
            />
          ) : null}
          {order.cancelledAt ? (
            <Fact
              label={t("officeOrders.fields.cancelled")}
              value={`${order.cancelledAt} · ${order.cancelReason ?? "—"}`}
            />
          ) : null}
          {order.refundedAt ? (
            <Fact
              label={t("officeOrders.fields.refunded")}
              value={`${order.refundedAt} · ${order.refundReason ?? "—"}`}
            />
          ) : null}
          <Fact
            label={t("officeOrders.fields.counted")}
            value={
              order.countedSeq
                ? t("officeOrders.fields.countedAs", {
                    seq: order.countedSeq,
                    at: order.completedAt ?? "",
                  })
                : t("officeOrders.fields.notCounted")
            }
          />
          {order.reversalSeq ? (
            <Fact
              label={t("officeOrders.fields.reversal")}
              value={t("officeOrders.fields.reversedAs", { seq: order.reversalSeq })}
            />
          ) : null}
        </dl>
      </section>

      <div className="two-col">
        <section className="panel" aria-labelledby="buyer-heading">
          <h2 id="buyer-heading">{t("printDocs.buyer")}</h2>
          <dl className="facts">
            <Fact label={t("printDocs.name")} value={buyer.name} />
            <Fact
              label={t("officeOrders.fields.buyerType")}
              value={t(`ledger.buyerTypes.${buyer.type}`)}
            />
            <Fact label={t("officeOrders.filters.district")} value={buyer.place} />
            <Fact label={t("printDocs.creditCode")} value={buyer.creditCode} />
            <Fact label={t("printDocs.contact")} value={buyer.contact} />
          </dl>
        </section>
        <section className="panel" aria-labelledby="seller-heading">
          <h2 id="seller-heading">{t("printDocs.seller")}</h2>
          <dl className="facts">
            <Fact label={t("printDocs.name")} value={seller.name} />
            <Fact label={t("officeOrders.filters.county")} value={seller.place} />
            <Fact label={t("printDocs.creditCode")} value={seller.creditCode} />
            <Fact label={t("printDocs.contact")} value={seller.contact} />
            <Fact label={t("printDocs.bankAccount")} value={seller.bank} />
          </dl>
        </section>
      </div>

      <h2 id="lines-heading">{t("printDocs.lines")}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table" aria-labelledby="lines-heading">
          <thead>
            <tr>
              <th scope="col">{t("printDocs.columns.name")}</th>
              <th scope="col">{t("printDocs.columns.county")}</th>
              <th scope="col">{t("printDocs.columns.certification")}</th>
              <th scope="col">{t("printDocs.columns.qty")}</th>
              <th scope="col">{t("printDocs.columns.unitPrice")}</th>
              <th scope="col">{t("printDocs.columns.lineTotal")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((line) => (
              <tr key={line.id}>
                <td>{line.name}</td>
                <td>{line.county}</td>
                <td>{line.certificationNumber ?? "—"}</td>
                <td>{quantity(line.qty, line.unitCode)}</td>
                <td>
                  <Money fen={line.unitPriceFen} />
                </td>
                <td>
                  <Money fen={line.lineTotalFen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {t("printDocs.total")}
              </th>
              <td>
                <Money fen={order.totalFen} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      <div className="two-col">
        <section className="panel" aria-labelledby="payment-heading">
          <h2 id="payment-heading">{t("officeOrders.payment")}</h2>
          <dl className="facts">
            <Fact
              label={t("officeOrders.fields.paymentMethod")}
              value={t(`officeOrders.paymentMethods.${order.paymentMethod}`)}
            />
            <Fact
              label={t("officeOrders.fields.transferReference")}
              value={order.transferReference}
            />
            {order.paymentMethod === "bank_transfer" ? (
              <Fact
                label={t("officeOrders.fields.transferSlip")}
                value={t(
                  order.hasTransferSlip ? "officeOrders.fields.yes" : "officeOrders.fields.no",
                )}
              />
            ) : (
              <Fact label={t("officeOrders.fields.stripeSession")} value={order.stripeSessionId} />
            )}
            <Fact label={t("officeOrders.fields.paidAt")} value={order.paidAt} />
            <Fact label={t("officeOrders.fields.confirmedAt")} value={order.confirmedAt} />
          </dl>
        </section>
        <section className="panel" aria-labelledby="delivery-heading">
          <h2 id="delivery-heading">{t("officeOrders.delivery")}</h2>
          <dl className="facts">
            <Fact label={t("printDocs.deliveryAddress")} value={order.deliveryAddress} />
            <Fact
              label={t("printDocs.contact")}
              value={`${order.contactName} · ${order.contactPhone}`}
            />
            <Fact
              label={t("officeOrders.fields.carrier")}
              value={[order.carrier, order.trackingNumber].filter(Boolean).join(" · ")}
            />
            <Fact label={t("officeOrders.fields.shippedAt")} value={order.shippedAt} />
            <Fact label={t("officeOrders.fields.deliveredAt")} value={order.deliveredAt} />
            <Fact
              label={t("officeOrders.fields.acceptedAt")}
              value={[order.acceptedAt, order.acceptanceNote].filter(Boolean).join(" · ")}
            />
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="invoice-heading">
        <h2 id="invoice-heading">{t("officeOrders.invoice")}</h2>
        <dl className="facts">
          <Fact label={t("printDocs.invoiceTitle")} value={order.invoiceTitle} />
          <Fact label={t("printDocs.taxNumber")} value={order.taxNumber} />
          <Fact label={t("printDocs.poReference")} value={order.poReference} />
          <Fact label={t("printDocs.purpose")} value={t(`checkout.purposes.${order.purpose}`)} />
          <Fact
            label={t("officeOrders.fields.invoiceNumber")}
            value={[order.invoiceNumber, order.invoicedAt].filter(Boolean).join(" · ")}
          />
        </dl>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("officeOrders.history")}</h2>
        <ol className="history">
          {data.events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.iso}>{event.at}</time> ·{" "}
              {t(`orderView.actions.${event.action}`, { defaultValue: event.action })}
              {event.toStatus
                ? ` → ${t(`orderStatus.${event.toStatus}`, { defaultValue: event.toStatus })}`
                : ""}{" "}
              · {event.actorName ?? t("officeOrders.system")}
              {event.note ? ` · ${event.note}` : ""}
            </li>
          ))}
        </ol>
      </section>

      {data.intents.length > 0 ? (
        <section className="panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("officeOrders.actions")}</h2>
          {data.intents.map((intent) => {
            const needsReason = officeIntentNeedsReason(intent);
            const field = needsReason ? "reason" : "note";
            const id = `${field}-${intent}`;
            const errors = errorsFor(intent)?.[field];
            return (
              <Form method="post" className="form" key={intent}>
                <div className="form-field">
                  <label htmlFor={id}>{t(`officeOrders.fields.${field}`)}</label>
                  <p id={`${id}-hint`} className="hint">
                    {t(`officeOrders.hints.${intent}`)}
                  </p>
                  <textarea
                    id={id}
                    name={field}
                    rows={2}
                    maxLength={500}
                    required={needsReason}
                    aria-invalid={errors ? true : undefined}
                    aria-describedby={[`${id}-hint`, errors ? `${id}-errors` : null]
                      .filter(Boolean)
                      .join(" ")}
                  />
                  <ErrorList id={`${id}-errors`} errors={errors} />
                </div>
                <p>
                  <button
                    type="submit"
                    name="intent"
                    value={intent}
                    className={
                      intent === "cancel" || intent === "refund" ? "secondary-button" : undefined
                    }
                  >
                    {t(`officeOrders.intents.${intent}`)}
                  </button>
                </p>
              </Form>
            );
          })}
        </section>
      ) : null}
    </main>
  );
}
