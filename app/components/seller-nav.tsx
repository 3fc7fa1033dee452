import { NavLink } from "@remix-run/react";
import type { Translate } from "~/i18n/use-t";
import { useT } from "~/i18n/use-t";

/** The seller area's tabs. */
export function sellerLinks(t: Translate, options: { canManageMembers: boolean }) {
  const links = [
    { to: "/seller", label: t("area.overview") },
    { to: "/seller/products", label: t("sellerProducts.title") },
    { to: "/seller/products/bulk", label: t("bulkEdit.title") },
  ];
  if (options.canManageMembers) links.push({ to: "/account/members", label: t("members.title") });
  return links;
}

/** The tabs of one product's pages in the seller area. */
export function ProductTabs({ productId, name }: { productId: number; name: string }) {
  const t = useT();
  const base = `/seller/products/${productId}`;
  const tabs = [
    { to: base, label: t("sellerProducts.tabs.overview") },
    { to: `${base}/edit`, label: t("sellerProducts.tabs.details") },
    { to: `${base}/photos`, label: t("sellerProducts.tabs.photos") },
    { to: `${base}/certification`, label: t("sellerProducts.tabs.certification") },
    { to: `${base}/stock`, label: t("sellerProducts.tabs.stock") },
  ];
  return (
    <nav aria-label={t("sellerProducts.tabs.label", { name })} className="area-nav product-tabs">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
