import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { buyerLinks } from "~/components/buyer-nav";
import { Money } from "~/components/money";
import { OrderStatusBadge } from "~/components/order-view";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import type { OrderStatus } from "~/domain/order-status";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listOrders } from "~/models/orders.server";
import { can } from "~/models/organisations.server";
import { pageMeta } from "~/utils/meta";

/** How the buyer's orders are grouped: what needs the buyer first. */
const groups: { key: string; statuses: OrderStatus[] }[] = [
  { key: "approval", statuses: ["awaiting_approval"] },
  { key: "payment", statuses: ["awaiting_payment"] },
  { key: "acceptance", statuses: ["shipped", "delivered"] },
  { key: "underway", statuses: ["paid", "confirmed", "accepted"] },
  { key: "closed", statuses: ["completed", "returned", "cancelled", "refunded"] },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "create:order:own-org");
  const { language, t } = await getTranslator(request);
  const placed = idParam.safeParse(new URL(request.url).searchParams.get("placed"));
  const orders = listOrders(db, { buyerOrgId: current.acting.orgId, limit: 500 });
  const placedOrders = placed.success ? orders.filter((o) => o.checkoutId === placed.data) : [];
  return {
    title: `${t("buyerOrders.title")} · ${t("site.name")}`,
    description: t("descriptions.buyerOrders"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canApprove: can(current.acting, "approve:order:own-org"),
    placed: placedOrders.length,
    placedNeedApproval: placedOrders.some((o) => o.status === "awaiting_approval"),
    groups: groups
      .map((group) => ({
        key: group.key,
        orders: orders
          .filter((o) => group.statuses.includes(o.status))
          .map((o) => ({
            id: o.id,
            number: o.number,
            status: o.status,
            totalFen: o.totalFen,
            seller: o.sellerName,
            lines: o.lineCount,
            createdAt: formatDateTime(o.createdAt, language),
          })),
      }))
      .filter((group) => group.orders.length > 0),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function BuyerOrders() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("buyerOrders.title")}
        orgName={data.orgName}
        role={data.role}
        links={buyerLinks(t, { canApprove: data.canApprove })}
      />
      {data.placed > 0 ? (
        <p className="form-success" role="status">
          {t("buyerOrders.placed", { count: data.placed })}
          {data.placedNeedApproval ? ` ${t("buyerOrders.placedNeedApproval")}` : ""}
        </p>
      ) : null}
      {data.groups.length === 0 ? (
        <p>
          {t("buyerOrders.none")} <Link to="/products">{t("cart.browse")}</Link>
        </p>
      ) : null}
      {data.groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`}>
          <h2 id={`group-${group.key}`}>
            {t(`buyerOrders.groups.${group.key}`, { count: group.orders.length })}
          </h2>
          <ul className="order-list">
            {group.orders.map((order) => (
              <li key={order.id} className="panel">
                <Link to={`/buyer/orders/${order.id}`}>{order.number}</Link>{" "}
                <OrderStatusBadge status={order.status} />
                <br />
                {order.seller} · {t("buyerOrders.lines", { count: order.lines })} ·{" "}
                <Money fen={order.totalFen} /> · {order.createdAt}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
