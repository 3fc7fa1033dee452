import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSide } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { db } from "~/db.server";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can, getOrganisation } from "~/models/organisations.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSide(request, "seller");
  const { language, t } = await getTranslator(request);
  const org = getOrganisation(db, current.acting.orgId);
  if (!org) throw new Response(null, { status: 404 });
  return {
    title: `${t("area.seller")} · ${t("site.name")}`,
    orgName: localise(language, org.nameZh, org.nameEn),
    role: current.acting.role,
    creditCode: org.creditCode,
    bank: org.bankName
      ? `${org.bankName} · ${org.bankAccountName} · ${org.bankAccountNumber}`
      : null,
    peopleLifted: org.peopleLifted,
    mechanism: org.mechanism,
    canManageMembers: can(current.acting, "manage:members:own-org"),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function SellerHome() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const links = [{ to: "/seller", label: t("area.overview") }];
  if (data.canManageMembers) links.push({ to: "/account/members", label: t("members.title") });
  return (
    <main id="main" className="page">
      <AreaHeader title={t("area.seller")} orgName={data.orgName} role={data.role} links={links} />
      <dl className="facts panel">
        <dt>{t("org.fields.creditCode")}</dt>
        <dd>{data.creditCode}</dd>
        <dt>{t("org.fields.bankName")}</dt>
        <dd>{data.bank ?? "—"}</dd>
        <dt>{t("org.fields.mechanism")}</dt>
        <dd>{data.mechanism ? t(`org.mechanisms.${data.mechanism}`) : "—"}</dd>
        <dt>{t("org.fields.peopleLifted")}</dt>
        <dd>{t("product.people", { count: data.peopleLifted })}</dd>
      </dl>
      <p>
        <Link to="/products">{t("seller.storefront")}</Link>
      </p>
    </main>
  );
}
