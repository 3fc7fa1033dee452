import type { Translate } from "~/i18n/use-t";

/** The office area's tabs. */
export function officeLinks(t: Translate, options: { canManageUsers: boolean }) {
  const links = [
    { to: "/office", label: t("office.dashboard") },
    { to: "/office/records", label: t("records.title") },
    { to: "/office/certifications", label: t("certReview.tab") },
    { to: "/office/orders", label: t("officeOrders.tab") },
    { to: "/office/ledger", label: t("ledger.title") },
    { to: "/office/organisations", label: t("office.review") },
    { to: "/office/complaints", label: t("complaints.officeTitle") },
    { to: "/office/audit", label: t("audit.title") },
  ];
  if (options.canManageUsers) {
    links.push({ to: "/office/targets", label: t("targets.title") });
    links.push({ to: "/office/users", label: t("office.users") });
  }
  links.push({ to: "/account/members", label: t("members.title") });
  return links;
}
