/**
 * /buyer/orders/:id/paid — where Stripe sends the buyer back after paying.
 * Arriving here proves nothing: the order is paid only when Stripe's signed
 * webhook says so. This page reads the order's state from the database.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { Money } from "~/components/money";
import { PayOnline } from "~/components/pay-online";
import { db } from "~/db.server";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { can } from "~/models/organisations.server";
import { paymentPhaseOf } from "~/models/payments.server";
import { stripeEnabled } from "~/services/stripe.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:order:own-org");
  const { t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const order = id.success
    ? paymentPhaseOf(db, { orderId: id.data, buyerOrgId: current.acting.orgId })
    : null;
  if (!order) throw new Response(t("payment.notFound"), { status: 404 });
  return {
    title: `${t("payment.returned.title", { number: order.number })} · ${t("site.name")}`,
    description: t("descriptions.payment", { number: order.number }),
    id: order.id,
    number: order.number,
    totalFen: order.totalFen,
    phase: order.phase,
    canPayAgain:
      order.phase === "failed" &&
      order.status === "awaiting_payment" &&
      order.paymentMethod === "stripe" &&
      stripeEnabled() &&
      can(current.acting, "create:order:own-org"),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function OrderPaid() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const orderLink = `/buyer/orders/${data.id}`;
  return (
    <main id="main" className="page">
      <h1>{data.phase === "paid" ? t("payment.returned.done") : t("payment.returned.heading")}</h1>
      <p className="lead">{t("payment.returned.lead")}</p>
      <dl className="facts panel">
        <dt>{t("payment.returned.number")}</dt>
        <dd>{data.number}</dd>
        <dt>{t("payment.returned.total")}</dt>
        <dd>
          <Money fen={data.totalFen} />
        </dd>
        <dt>{t("payment.returned.state")}</dt>
        <dd role="status">{t(`payment.returned.phases.${data.phase}`)}</dd>
      </dl>
      {data.phase === "confirming" || data.phase === "processing" ? (
        <p>
          <Link to={`${orderLink}/paid`} reloadDocument>
            {t("payment.returned.refresh")}
          </Link>
        </p>
      ) : null}
      <PayOnline orderId={data.id} enabled={data.canPayAgain} />
      <p>
        <Link to={orderLink}>{t("payment.returned.back")}</Link>
      </p>
    </main>
  );
}
