import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Money } from "~/components/money";
import { OrderStatusBadge } from "~/components/order-view";
import { sellerLinks } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listOrders } from "~/models/orders.server";
import { can } from "~/models/organisations.server";
import { pageMeta } from "~/utils/meta";

type Row = ReturnType<typeof listOrders>[number];

/** The seller's work, in the order it comes: money to receive, goods to ship, and so on. */
const groups: { key: string; test: (o: Row) => boolean }[] = [
  { key: "receivables", test: (o) => o.status === "awaiting_payment" },
  { key: "toConfirm", test: (o) => o.status === "paid" },
  { key: "toShip", test: (o) => o.status === "confirmed" },
  {
    key: "toInvoice",
    test: (o) => ["shipped", "delivered", "accepted"].includes(o.status) && !o.invoiceNumber,
  },
  {
    key: "awaitingAcceptance",
    test: (o) => ["shipped", "delivered"].includes(o.status) && Boolean(o.invoiceNumber),
  },
  { key: "awaitingApproval", test: (o) => o.status === "awaiting_approval" },
  {
    key: "closed",
    test: (o) =>
      ["accepted", "completed", "returned", "cancelled", "refunded"].includes(o.status) &&
      !(o.status === "accepted" && !o.invoiceNumber),
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "fulfil:order:own-org");
  const { language, t } = await getTranslator(request);
  const orders = listOrders(db, { sellerOrgId: current.acting.orgId, limit: 500 });
  const receivableFen = orders
    .filter((o) => o.status === "awaiting_payment")
    .reduce((sum, o) => sum + o.totalFen, 0);
  return {
    title: `${t("sellerOrders.title")} · ${t("site.name")}`,
    description: t("descriptions.sellerOrders"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    receivableFen,
    groups: groups
      .map((group) => ({
        key: group.key,
        orders: orders.filter(group.test).map((o) => ({
          id: o.id,
          number: o.number,
          status: o.status,
          totalFen: o.totalFen,
          buyer: o.buyerName,
          paymentMethod: o.paymentMethod,
          createdAt: formatDateTime(o.createdAt, language),
        })),
      }))
      .filter((group) => group.orders.length > 0),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function SellerOrders() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("sellerOrders.title")}
        orgName={data.orgName}
        role={data.role}
        links={sellerLinks(t, { canManageMembers: data.canManageMembers })}
      />
      {data.receivableFen > 0 ? (
        <p className="notice">
          {t("sellerOrders.receivable")} <Money fen={data.receivableFen} />
        </p>
      ) : null}
      {data.groups.length === 0 ? <p>{t("sellerOrders.none")}</p> : null}
      {data.groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`}>
          <h2 id={`group-${group.key}`}>
            {t(`sellerOrders.groups.${group.key}`, { count: group.orders.length })}
          </h2>
          <ul className="order-list">
            {group.orders.map((order) => (
              <li key={order.id} className="panel">
                <Link to={`/seller/orders/${order.id}`}>{order.number}</Link>{" "}
                <OrderStatusBadge status={order.status} />
                <br />
                {order.buyer} · <Money fen={order.totalFen} /> ·{" "}
                {t(`checkout.methods.${order.paymentMethod}`)} · {order.createdAt}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
