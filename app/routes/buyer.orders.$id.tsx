import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { buyerLinks } from "~/components/buyer-nav";
import { ErrorList, FormAlert, TextareaField } from "~/components/form";
import { OrderView } from "~/components/order-view";
import { PayOnline } from "~/components/pay-online";
import { db, sqlite } from "~/db.server";
import { orderStepSchema } from "~/domain/checkout-forms";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { availableActions, type OrderActor } from "~/domain/order-status";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { actOnOrder, attachTransferSlip, getOrder } from "~/models/orders.server";
import { can } from "~/models/organisations.server";
import { placeNames, unitNames } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { stripeEnabled } from "~/services/stripe.server";
import { pageMeta } from "~/utils/meta";
import { orderViewData } from "~/utils/order-view.server";
import { readOrderUpload } from "~/utils/order-upload.server";
import { discardUpload } from "~/models/uploads.server";
import { readFormData } from "~/utils/form-data.server";

async function ownOrder(request: Request, params: { id?: string }) {
  const current = await requirePermission(request, "create:order:own-org");
  const { language, t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const order = id.success ? getOrder(db, id.data) : null;
  if (!order || order.buyerOrgId !== current.acting.orgId)
    throw new Response(t("buyerOrders.notFound"), { status: 404 });
  // The capacity this person acts in: an approver may also approve and return.
  const as: OrderActor = can(current.acting, "approve:order:own-org") ? "approver" : "buyer";
  return { current, language, t, order, as };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, language, t, order, as } = await ownOrder(request, params);
  const actions = availableActions(order.status, as, order);
  return {
    title: `${t("orderView.number", { number: order.number })} · ${t("site.name")}`,
    description: t("descriptions.buyerOrder", { number: order.number }),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canApprove: as === "approver",
    order: orderViewData(order, language, {
      units: unitNames(sqlite, language),
      places: placeNames(sqlite, language),
    }),
    actions,
    ownOrder: order.placedBy === current.user.id,
    canAttachSlip: order.status === "awaiting_payment" && order.paymentMethod === "bank_transfer",
    canPayOnline:
      order.status === "awaiting_payment" && order.paymentMethod === "stripe" && stripeEnabled(),
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
  const { current, t, order, as } = await ownOrder(request, params);
  const actor = {
    userId: current.user.id,
    orgId: current.acting.orgId,
    ip: clientIpOf(context),
    as,
  };
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  let form: FormData;
  let file: { key: string; type: string } | null = null;
  if (multipart) {
    const upload = await readOrderUpload(request, { slip: "document", photo: "image" });
    if (!upload.ok)
      return Response.json({ fieldErrors: { [upload.field]: [upload.error] } }, { status: 400 });
    form = upload.form;
    file = upload.file;
  } else {
    form = await readFormData(request);
  }
  // A file is kept only if the step it came with was taken; otherwise nothing is left behind.
  let kept = false;
  try {
    if (form.get("intent") === "slip") {
      if (!file)
        return Response.json(
          { fieldErrors: { slip: ["forms.evidenceRequired"] } },
          { status: 400 },
        );
      const result = attachTransferSlip(db, { orderId: order.id, actor, file });
      if (!result.ok)
        return Response.json(
          { fieldErrors: {}, alert: t(`orderView.refused.${result.reason}`) },
          { status: 409 },
        );
      kept = true;
      return Response.json({ fieldErrors: {}, message: t("orderView.done.slip") });
    }
    const parsed = parseForm(orderStepSchema, form);
    if (!parsed.ok)
      return Response.json(
        { fieldErrors: parsed.fieldErrors, intent: String(form.get("intent") ?? "") },
        { status: 400 },
      );
    const step = parsed.data;
    if (!["approve", "return", "cancel", "accept"].includes(step.intent))
      return Response.json(
        { fieldErrors: {}, alert: t("orderView.refused.not_allowed") },
        { status: 409 },
      );
    const photoKey = step.intent === "accept" ? file?.key : undefined;
    const result = actOnOrder(db, {
      orderId: order.id,
      action: step.intent,
      actor,
      note: step.note,
      photoKey,
    });
    if (!result.ok)
      return Response.json(
        { fieldErrors: {}, alert: t(`orderView.refused.${result.reason}`) },
        { status: 409 },
      );
    kept = photoKey !== undefined;
    return Response.json({ fieldErrors: {}, message: t(`orderView.done.${step.intent}`) });
  } finally {
    if (file && !kept) discardUpload("orders", file.key);
  }
}

export default function BuyerOrder() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  // A form's errors show on that form only (several forms share the "note" field).
  const errorsFor = (...intents: string[]) =>
    result?.intent && intents.includes(result.intent) ? errors : undefined;
  const has = (action: string) => data.actions.includes(action as (typeof data.actions)[number]);
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("buyerOrders.orderTitle")}
        orgName={data.orgName}
        role={data.role}
        links={buyerLinks(t, { canApprove: data.canApprove })}
      />
      <p>
        <Link to="/buyer/orders">{t("buyerOrders.back")}</Link>
      </p>
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />

      <OrderView order={data.order}>
        {has("approve") ? (
          <section className="panel" aria-labelledby="approval-heading">
            <h2 id="approval-heading">{t("buyerOrders.approvalHeading")}</h2>
            {data.ownOrder ? (
              <p className="hint">{t("buyerOrders.ownOrder")}</p>
            ) : (
              <Form method="post" className="form">
                <TextareaField
                  id="approval-note"
                  name="note"
                  label={t("buyerOrders.approvalNote")}
                  errors={errorsFor("approve", "return")}
                  rows={2}
                  maxLength={500}
                />
                <p className="inline-form">
                  <button type="submit" name="intent" value="approve">
                    {t("buyerOrders.approve")}
                  </button>
                  <button type="submit" name="intent" value="return" className="secondary-button">
                    {t("buyerOrders.return")}
                  </button>
                </p>
              </Form>
            )}
          </section>
        ) : null}

        {data.canPayOnline ? <PayOnline orderId={data.order.id} enabled /> : null}

        {data.canAttachSlip ? (
          <section className="panel" aria-labelledby="slip-heading">
            <h2 id="slip-heading">{t("buyerOrders.slipHeading")}</h2>
            <Form method="post" encType="multipart/form-data" className="form">
              <div className="form-field">
                <label htmlFor="slip">{t("buyerOrders.slip")}</label>
                <p id="slip-hint" className="hint">
                  {t("buyerOrders.slipHint")}
                </p>
                <input
                  id="slip"
                  name="slip"
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  aria-describedby={errors?.slip ? "slip-hint slip-errors" : "slip-hint"}
                  aria-invalid={errors?.slip ? true : undefined}
                />
                <ErrorList id="slip-errors" errors={errors?.slip} />
              </div>
              <p>
                <button type="submit" name="intent" value="slip">
                  {t("buyerOrders.attachSlip")}
                </button>
              </p>
            </Form>
          </section>
        ) : null}

        {has("accept") && data.ownOrder ? (
          <section className="panel" aria-labelledby="accept-heading">
            <h2 id="accept-heading">{t("buyerOrders.acceptHeading")}</h2>
            <p className="hint">{t("buyerOrders.ownAcceptance")}</p>
          </section>
        ) : has("accept") ? (
          <section className="panel" aria-labelledby="accept-heading">
            <h2 id="accept-heading">{t("buyerOrders.acceptHeading")}</h2>
            <p className="hint">{t("buyerOrders.acceptHint")}</p>
            <Form method="post" encType="multipart/form-data" className="form">
              <TextareaField
                id="accept-note"
                name="note"
                label={t("buyerOrders.acceptNote")}
                rows={2}
                maxLength={500}
              />
              <div className="form-field">
                <label htmlFor="photo">{t("buyerOrders.acceptPhoto")}</label>
                <input
                  id="photo"
                  name="photo"
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  aria-invalid={errors?.photo ? true : undefined}
                  aria-describedby={errors?.photo ? "photo-errors" : undefined}
                />
                <ErrorList id="photo-errors" errors={errors?.photo} />
              </div>
              <p>
                <button type="submit" name="intent" value="accept">
                  {t("buyerOrders.accept")}
                </button>
              </p>
            </Form>
          </section>
        ) : null}
      </OrderView>

      {has("cancel") ? (
        <section className="panel" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t("buyerOrders.cancelHeading")}</h2>
          <Form method="post" className="form">
            <TextareaField
              id="cancel-note"
              name="note"
              label={t("buyerOrders.cancelReason")}
              errors={errorsFor("cancel")}
              rows={2}
              maxLength={500}
            />
            <p>
              <button type="submit" name="intent" value="cancel" className="secondary-button">
                {t("buyerOrders.cancel")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </main>
  );
}
