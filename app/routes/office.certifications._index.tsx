import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { CertificationFacts, DecisionForm, ReviewStatus } from "~/components/certification-review";
import { officeLinks } from "~/components/office-links";
import { db } from "~/db.server";
import { formatDate, formatDateTime, shanghaiDate } from "~/domain/dates";
import type { ReviewReply } from "~/domain/product-review-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { coverThumbnails } from "~/models/certification-review.server";
import { can } from "~/models/organisations.server";
import { listCertificationQueue, listDecidedCertifications } from "~/models/products.server";
import { clientIpOf } from "~/server/context";
import { decideFromForm } from "~/utils/certification-review.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

const THUMB_WIDTH = 120;

/** The office's queue of certifications (扶贫产品认定) to review, oldest first, and recent decisions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "review:certification:any");
  const { language, t } = await getTranslator(request);
  const today = shanghaiDate();
  const queue = listCertificationQueue(db);
  const covers = coverThumbnails(
    db,
    queue.map((item) => item.productId),
  );
  return {
    title: `${t("certReview.title")} · ${t("site.name")}`,
    description: t("descriptions.certifications"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    queue: queue.map((item) => {
      const cover = covers.get(item.productId);
      return {
        certification: {
          id: item.certificationId,
          authority: item.authority,
          level: item.level,
          number: item.number,
          issuedOn: formatDate(item.issuedOn, language),
          validUntil: formatDate(item.validUntil, language),
          valueFen: item.valueFen,
          peopleLifted: item.peopleLifted,
          hasDocument: item.hasDocument,
        },
        productId: item.productId,
        productName: localise(language, item.productNameZh, item.productNameEn),
        sellerName: localise(language, item.sellerNameZh, item.sellerNameEn),
        countyName: localise(language, item.countyZh, item.countyEn),
        renewal: item.renewal,
        expired: item.validUntil < today,
        submittedAt: formatDateTime(item.createdAt, language),
        cover: cover
          ? {
              src: cover.thumbSrc,
              height: Math.round((THUMB_WIDTH * cover.height) / Math.max(cover.width, 1)),
            }
          : null,
      };
    }),
    decided: listDecidedCertifications(db, 20).map((item) => ({
      certificationId: item.certificationId,
      productName: localise(language, item.productNameZh, item.productNameEn),
      number: item.number,
      status: item.status,
      reviewerName: item.reviewerName,
      reviewedAt: item.reviewedAt ? formatDateTime(item.reviewedAt, language) : null,
      rejectReason: item.rejectReason,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "review:certification:any");
  const { t } = await getTranslator(request);
  return decideFromForm(await readFormData(request), {
    actor: { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) },
    t,
  });
}

export default function CertificationQueue() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<ReviewReply>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("certReview.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <ReviewStatus reply={reply} />

      <h2>{t("certReview.pendingCount", { count: data.queue.length })}</h2>
      {data.queue.length === 0 ? <p>{t("certReview.nonePending")}</p> : null}
      {data.queue.map((item) => (
        <section
          key={item.certification.id}
          className="panel"
          aria-labelledby={`certification-${item.certification.id}`}
        >
          <h3 id={`certification-${item.certification.id}`}>{item.productName}</h3>
          {item.cover ? (
            <img
              src={item.cover.src}
              width={THUMB_WIDTH}
              height={item.cover.height}
              loading="lazy"
              alt={t("certReview.coverAlt", { name: item.productName })}
            />
          ) : null}
          <dl className="facts">
            <dt>{t("certReview.kind")}</dt>
            <dd>{t(item.renewal ? "certReview.renewal" : "certReview.newListing")}</dd>
            <dt>{t("certReview.seller")}</dt>
            <dd>{item.sellerName}</dd>
            <dt>{t("product.origin")}</dt>
            <dd>{item.countyName}</dd>
            <dt>{t("certReview.submittedAt")}</dt>
            <dd>{item.submittedAt}</dd>
          </dl>
          <CertificationFacts certification={item.certification} />
          <p>
            <Link to={`/office/certifications/${item.certification.id}`}>
              {t("certReview.openDetails", { name: item.productName })}
            </Link>
          </p>
          {item.expired ? <p className="hint">{t("certReview.expiredHint")}</p> : null}
          <DecisionForm
            certificationId={item.certification.id}
            number={item.certification.number}
            reply={reply}
          />
        </section>
      ))}

      <h2 id="decided-heading">{t("certReview.decided")}</h2>
      {data.decided.length === 0 ? (
        <p>{t("certReview.noneDecided")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table" aria-labelledby="decided-heading">
            <thead>
              <tr>
                <th scope="col">{t("certReview.columns.product")}</th>
                <th scope="col">{t("certification.number")}</th>
                <th scope="col">{t("certReview.columns.decision")}</th>
                <th scope="col">{t("certReview.columns.by")}</th>
                <th scope="col">{t("certReview.columns.at")}</th>
                <th scope="col">{t("certReview.columns.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {data.decided.map((item) => (
                <tr key={item.certificationId}>
                  <td>
                    <Link to={`/office/certifications/${item.certificationId}`}>
                      {item.productName}
                    </Link>
                  </td>
                  <td lang="zh-CN">{item.number}</td>
                  <td>
                    <span className={`status status-${item.status}`}>
                      {t(`certStatus.${item.status}`)}
                    </span>
                  </td>
                  <td>{item.reviewerName ?? "—"}</td>
                  <td>{item.reviewedAt ?? "—"}</td>
                  <td>{item.rejectReason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
