import { NavLink } from "@remix-run/react";
import type { ProductStatus } from "../../db/schema";
import { AreaHeader } from "./area-header";
import type { Translate } from "~/i18n/use-t";
import { useT } from "~/i18n/use-t";

/** The seller area's tabs. */
export function sellerLinks(t: Translate, options: { canManageMembers: boolean }) {
  const links = [
    { to: "/seller", label: t("area.overview") },
    { to: "/seller/orders", label: t("sellerOrders.title") },
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

export interface ProductHeaderData {
  orgName: string;
  role: string;
  canManageMembers: boolean;
  productName: string;
  productId: number;
  status: ProductStatus;
}

/** A product's status as a badge, in words. */
export function StatusBadge({ status }: { status: ProductStatus }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`productStatus.${status}`)}</span>;
}

/** The seller area's header, the product's name and status, and its tabs. */
export function ProductPageHeader({ header, title }: { header: ProductHeaderData; title: string }) {
  const t = useT();
  return (
    <>
      <AreaHeader
        title={title}
        orgName={header.orgName}
        role={header.role}
        links={sellerLinks(t, { canManageMembers: header.canManageMembers })}
      />
      <p className="product-heading">
        <strong>{header.productName}</strong> <StatusBadge status={header.status} />
      </p>
      <ProductTabs productId={header.productId} name={header.productName} />
    </>
  );
}
