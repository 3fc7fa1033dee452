import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { ErrorList, Field, FormAlert, TextareaField } from "~/components/form";
import { OrderView } from "~/components/order-view";
import { sellerLinks } from "~/components/seller-nav";
import { db, sqlite } from "~/db.server";
import { invoiceSchema, orderStepSchema } from "~/domain/checkout-forms";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { availableActions } from "~/domain/order-status";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { actOnOrder, getOrder, recordInvoice } from "~/models/orders.server";
import { can } from "~/models/organisations.server";
import { placeNames, unitNames } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { orderViewData } from "~/utils/order-view.server";
import { readOrderUpload } from "~/utils/order-upload.server";
import { discardUpload } from "~/models/uploads.server";
import { refundOrder } from "~/utils/refund.server";
import { readFormData } from "~/utils/form-data.server";

async function ownOrder(request: Request, params: { id?: string }) {
  const current = await requirePermission(request, "fulfil:order:own-org");
  const { language, t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const order = id.success ? getOrder(db, id.data) : null;
  if (!order || order.sellerOrgId !== current.acting.orgId)
    throw new Response(t("sellerOrders.notFound"), { status: 404 });
  return { current, language, t, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, language, t, order } = await ownOrder(request, params);
  return {
    title: `${t("orderView.number", { number: order.number })} · ${t("site.name")}`,
    description: t("descriptions.sellerOrder", { number: order.number }),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    order: orderViewData(order, language, {
      units: unitNames(sqlite, language),
      places: placeNames(sqlite, language),
    }),
    actions: availableActions(order.status, "seller", order),
    paid: order.paidAt !== null,
    hasSlip: order.transferSlipKey !== null,
    canInvoice: !order.invoiceNumber && ["shipped", "delivered", "accepted"].includes(order.status),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

interface ActionData {
  fieldErrors: FieldErrors;
  intent?: string;
  message?: string;
  alert?: string;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, t, order } = await ownOrder(request, params);
  const actor = {
    userId: current.user.id,
    orgId: current.acting.orgId,
    ip: clientIpOf(context),
    as: "seller" as const,
  };
  const refused = (reason: string) =>
    Response.json({ fieldErrors: {}, alert: t(`orderView.refused.${reason}`) }, { status: 409 });

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readOrderUpload(request, { invoiceFile: "document" });
    if (!upload.ok)
      return Response.json(
        { fieldErrors: { invoiceFile: [upload.error] }, intent: "invoice" },
        { status: 400 },
      );
    const stored = upload.file;
    // The scan is kept only with a recorded invoice; otherwise nothing is left behind.
    const discard = (response: Response) => {
      if (stored) discardUpload("orders", stored.key);
      return response;
    };
    const parsed = parseForm(invoiceSchema, upload.form);
    if (!parsed.ok)
      return discard(
        Response.json({ fieldErrors: parsed.fieldErrors, intent: "invoice" }, { status: 400 }),
      );
    const result = recordInvoice(db, {
      orderId: order.id,
      actor,
      invoiceNumber: parsed.data.invoiceNumber,
      file: stored,
    });
    if (!result.ok) {
      if (result.reason === "duplicate_invoice")
        return discard(
          Response.json(
            { fieldErrors: { invoiceNumber: ["forms.invoiceCounted"] }, intent: "invoice" },
            { status: 409 },
          ),
        );
      return discard(refused(result.reason));
    }
    return Response.json({
      fieldErrors: {},
      message: t(
        result.status === "completed" ? "sellerOrders.invoicedCounted" : "sellerOrders.invoiced",
      ),
    });
  }

  const form = await readFormData(request);
  const parsed = parseForm(orderStepSchema, form);
  if (!parsed.ok)
    return Response.json(
      { fieldErrors: parsed.fieldErrors, intent: String(form.get("intent") ?? "") },
      { status: 400 },
    );
  const step = parsed.data;
  if (!["pay", "confirm", "ship", "deliver", "cancel", "refund"].includes(step.intent))
    return refused("not_allowed");
  if (step.intent === "refund") {
    const refund = await refundOrder(db, { orderId: order.id, actor, note: step.note });
    if (!refund.ok) return refused(refund.reason);
    return Response.json({
      fieldErrors: {},
      message: t(
        refund.status === "refund_requested"
          ? "orderView.done.refundRequested"
          : "orderView.done.refund",
      ),
    });
  }
  const result = actOnOrder(db, {
    orderId: order.id,
    action: step.intent,
    actor,
    note: step.note,
    carrier: step.carrier,
    trackingNumber: step.trackingNumber,
  });
  if (!result.ok) return refused(result.reason);
  return Response.json({ fieldErrors: {}, message: t(`orderView.done.${step.intent}`) });
}

export default function SellerOrder() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errorsFor = (intent: string) =>
    result?.intent === intent ? result.fieldErrors : undefined;
  const has = (action: string) => data.actions.includes(action as (typeof data.actions)[number]);
  const reasonForm = (intent: "cancel" | "refund", label: string, button: string) => (
    <Form method="post" className="form">
      <TextareaField
        id={`${intent}-note`}
        name="note"
        label={label}
        errors={errorsFor(intent)}
        rows={2}
        maxLength={500}
      />
      <p>
        <button type="submit" name="intent" value={intent} className="secondary-button">
          {button}
        </button>
      </p>
    </Form>
  );
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("sellerOrders.orderTitle")}
        orgName={data.orgName}
        role={data.role}
        links={sellerLinks(t, { canManageMembers: data.canManageMembers })}
      />
      <p>
        <Link to="/seller/orders">{t("sellerOrders.back")}</Link>
      </p>
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />

      <OrderView order={data.order}>
        <section className="panel" aria-labelledby="next-heading">
          <h2 id="next-heading">{t("sellerOrders.next")}</h2>
          {has("pay") && !data.hasSlip ? (
            <p className="hint">{t("sellerOrders.waitingForSlip")}</p>
          ) : has("pay") ? (
            <Form method="post" className="form">
              <p className="hint">
                {t("sellerOrders.payHint", { reference: data.order.transferReference })}
              </p>
              <button type="submit" name="intent" value="pay">
                {t("sellerOrders.pay")}
              </button>
            </Form>
          ) : null}
          {has("confirm") ? (
            <Form method="post" className="form">
              <p className="hint">{t("sellerOrders.confirmHint")}</p>
              <button type="submit" name="intent" value="confirm">
                {t("sellerOrders.confirm")}
              </button>
            </Form>
          ) : null}
          {has("ship") ? (
            <Form method="post" className="form" noValidate aria-labelledby="next-heading">
              <Field
                name="carrier"
                label={t("sellerOrders.carrier")}
                errors={errorsFor("ship")}
                required
                maxLength={60}
              />
              <Field
                name="trackingNumber"
                label={t("sellerOrders.trackingNumber")}
                errors={errorsFor("ship")}
                required
                maxLength={60}
              />
              <p>
                <button type="submit" name="intent" value="ship">
                  {t("sellerOrders.ship")}
                </button>
              </p>
            </Form>
          ) : null}
          {has("deliver") ? (
            <Form method="post" className="form">
              <button type="submit" name="intent" value="deliver" className="secondary-button">
                {t("sellerOrders.deliver")}
              </button>
            </Form>
          ) : null}
          {data.canInvoice ? (
            <Form method="post" encType="multipart/form-data" className="form" noValidate>
              <h3 id="invoice-heading">{t("sellerOrders.invoiceHeading")}</h3>
              <Field
                name="invoiceNumber"
                label={t("sellerOrders.invoiceNumber")}
                hint={t("sellerOrders.invoiceHint")}
                errors={errorsFor("invoice")}
                required
                maxLength={30}
              />
              <div className="form-field">
                <label htmlFor="invoiceFile">{t("sellerOrders.invoiceFile")}</label>
                <input
                  id="invoiceFile"
                  name="invoiceFile"
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  aria-invalid={errorsFor("invoice")?.invoiceFile ? true : undefined}
                  aria-describedby={
                    errorsFor("invoice")?.invoiceFile ? "invoiceFile-errors" : undefined
                  }
                />
                <ErrorList id="invoiceFile-errors" errors={errorsFor("invoice")?.invoiceFile} />
              </div>
              <p>
                <button type="submit">{t("sellerOrders.recordInvoice")}</button>
              </p>
            </Form>
          ) : null}
          {data.actions.length === 0 && !data.canInvoice ? (
            <p>{t("sellerOrders.nothingToDo")}</p>
          ) : null}
        </section>
      </OrderView>

      {has("cancel")
        ? reasonForm("cancel", t("sellerOrders.cancelReason"), t("sellerOrders.cancel"))
        : null}
      {has("refund") && data.paid
        ? reasonForm("refund", t("sellerOrders.refundReason"), t("sellerOrders.refund"))
        : null}
    </main>
  );
}
