import type { Translate } from "~/i18n/use-t";

/** The buyer area's tabs. */
export function buyerLinks(t: Translate, options: { canApprove: boolean }) {
  const links = [
    { to: "/buyer", label: t("area.overview") },
    { to: "/buyer/cart", label: t("cart.title") },
    { to: "/buyer/orders", label: t("buyerOrders.title") },
    { to: "/buyer/records", label: t("buyerRecords.title") },
  ];
  if (options.canApprove) links.push({ to: "/account/members", label: t("members.title") });
  return links;
}
