import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { CertificationFacts, DecisionForm, ReviewStatus } from "~/components/certification-review";
import { ErrorList } from "~/components/form";
import { Money } from "~/components/money";
import { officeLinks } from "~/components/office-links";
import { db } from "~/db.server";
import { formatDate, formatDateTime } from "~/domain/dates";
import type { ReviewReply } from "~/domain/product-review-forms";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { isReviewable } from "~/domain/product-status";
import { getCertificationReview } from "~/models/certification-review.server";
import { can } from "~/models/organisations.server";
import { clientIpOf } from "~/server/context";
import { decideFromForm, delistFromForm } from "~/utils/certification-review.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

async function findReview(request: Request, params: LoaderFunctionArgs["params"]) {
  const { t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const review = id.success ? getCertificationReview(db, id.data) : null;
  if (!review) throw new Response(t("certReview.notFound"), { status: 404 });
  return review;
}

/** One certification with the product as the seller entered it and everything that happened to it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "review:certification:any");
  const { language, t } = await getTranslator(request);
  const review = await findReview(request, params);
  const { product } = review;
  const certificationView = (c: (typeof review.certifications)[number]) => ({
    id: c.id,
    authority: c.authority,
    level: c.level,
    number: c.number,
    issuedOn: formatDate(c.issuedOn, language),
    validUntil: formatDate(c.validUntil, language),
    valueFen: c.valueFen,
    peopleLifted: c.peopleLifted,
    hasDocument: c.documentKey !== null,
    status: c.status,
    rejectReason: c.rejectReason,
    inForce: c.id === product.certificationId && c.status === "approved",
    submittedAt: formatDateTime(c.createdAt, language),
    submitterName: c.submitterName,
    reviewedAt: c.reviewedAt ? formatDateTime(c.reviewedAt, language) : null,
    reviewerName: c.reviewerName,
  });
  const history = review.certifications.map(certificationView);
  const certification = history.find((c) => c.id === review.certificationId);
  if (!certification) throw new Response(t("certReview.notFound"), { status: 404 });
  const name = localise(language, product.nameZh, product.nameEn);
  return {
    title: `${t("certReview.detailTitle", { number: certification.number })} · ${t("site.name")}`,
    description: t("descriptions.certification", { number: certification.number }),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    certification,
    reviewable: certification.status === "pending" && isReviewable(product.status),
    delistable: product.status === "listed" || product.status === "paused",
    product: {
      id: product.id,
      name,
      status: product.status,
      statusReason: product.statusReason,
      nameZh: product.nameZh,
      nameEn: product.nameEn,
      descriptionZh: product.descriptionZh,
      descriptionEn: product.descriptionEn,
      category: localise(language, product.categoryZh, product.categoryEn),
      unitCode: product.unitCode,
      unit: localise(language, product.unitZh, product.unitEn),
      county: localise(language, product.countyZh, product.countyEn),
      seller: localise(language, product.sellerZh, product.sellerEn),
      minOrderQty: product.minOrderQty,
      stock: product.stock,
      monthlyCapacity: product.monthlyCapacity,
      specZh: product.specZh,
      specEn: product.specEn,
      shelfLifeDays: product.shelfLifeDays,
      storageZh: product.storageZh,
      storageEn: product.storageEn,
      tags: product.tags,
      certifiedUntil: product.certifiedUntil ? formatDate(product.certifiedUntil, language) : null,
    },
    tiers: review.tiers.map((tier, i) => ({
      ...tier,
      upTo: (review.tiers[i + 1]?.minQty ?? 0) - 1,
    })),
    images: review.images.map((image) => ({
      id: image.id,
      src: image.src,
      thumbSrc: image.thumbSrc,
      width: image.width,
      height: image.height,
    })),
    history,
    events: review.events.map((event) => ({
      id: event.id,
      at: formatDateTime(event.at, language),
      kind: event.kind,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      actorName: event.actorName,
      actorOrgName: event.actorOrgName,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "review:certification:any");
  const { t } = await getTranslator(request);
  const review = await findReview(request, params);
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const form = await readFormData(request);
  if (form.get("intent") === "delist") {
    return delistFromForm(form, {
      actor,
      t,
      productId: review.product.id,
      certificationId: review.certificationId,
    });
  }
  return decideFromForm(form, { actor, t, onlyId: review.certificationId });
}

const PHOTO_WIDTH = 160;

export default function CertificationDetail() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<ReviewReply>();
  const t = useT();
  const { certification: c, product } = data;
  const status = (s: string | null) => (s ? t(`productStatus.${s}`) : "—");
  // Plural unit names come from the locale files; the unit table's name is the fallback.
  const unitName = (count: number) =>
    t(`units.${product.unitCode}`, { count, defaultValue: product.unit });
  const quantity = (count: number) => t("product.quantity", { count, unit: unitName(count) });
  const delistErrors = reply?.intent === "delist" ? reply.fieldErrors.reason : undefined;
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("certReview.detailTitle", { number: c.number })}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <p>
        <Link to="/office/certifications">{t("certReview.backToQueue")}</Link>
      </p>
      <ReviewStatus reply={reply} />

      <section className="panel" aria-labelledby="certification-heading">
        <h2 id="certification-heading">
          {t("certification.heading")}{" "}
          <span className={`status status-${c.status}`}>{t(`certStatus.${c.status}`)}</span>
        </h2>
        <CertificationFacts certification={c} />
        <dl className="facts">
          <dt>{t("certReview.submittedAt")}</dt>
          <dd>
            {c.submittedAt}
            {c.submitterName ? ` · ${c.submitterName}` : ""}
          </dd>
          {c.reviewedAt ? (
            <>
              <dt>{t("certReview.columns.decision")}</dt>
              <dd>
                {t("certReview.decidedBy", {
                  status: t(`certStatus.${c.status}`),
                  name: c.reviewerName ?? "—",
                  at: c.reviewedAt,
                })}
              </dd>
            </>
          ) : null}
          {c.rejectReason ? (
            <>
              <dt>{t("certReview.columns.reason")}</dt>
              <dd>{c.rejectReason}</dd>
            </>
          ) : null}
        </dl>
        {data.reviewable ? (
          <DecisionForm certificationId={c.id} number={c.number} reply={reply} />
        ) : c.status === "pending" ? (
          <p className="hint">{t("certReview.notReviewableHint")}</p>
        ) : null}
      </section>

      <section aria-labelledby="product-heading">
        <h2 id="product-heading">{t("certReview.productHeading", { name: product.name })}</h2>
        <dl className="facts">
          <dt>{t("certReview.fields.status")}</dt>
          <dd>
            {status(product.status)}
            {product.statusReason ? ` — ${product.statusReason}` : ""}
          </dd>
          <dt>{t("certReview.fields.certifiedUntil")}</dt>
          <dd>{product.certifiedUntil ?? "—"}</dd>
          <dt>{t("certReview.fields.nameZh")}</dt>
          <dd lang="zh-CN">{product.nameZh}</dd>
          <dt>{t("certReview.fields.nameEn")}</dt>
          <dd lang="en">{product.nameEn || "—"}</dd>
          <dt>{t("certReview.fields.category")}</dt>
          <dd>{product.category}</dd>
          <dt>{t("certReview.fields.unit")}</dt>
          <dd>{product.unit}</dd>
          <dt>{t("product.origin")}</dt>
          <dd>{product.county}</dd>
          <dt>{t("certReview.seller")}</dt>
          <dd>{product.seller}</dd>
          <dt>{t("product.minOrderLabel")}</dt>
          <dd>{quantity(product.minOrderQty)}</dd>
          <dt>{t("product.stock")}</dt>
          <dd>{quantity(product.stock)}</dd>
          <dt>{t("certReview.fields.monthlyCapacity")}</dt>
          <dd>{product.monthlyCapacity > 0 ? quantity(product.monthlyCapacity) : "—"}</dd>
          <dt>{t("certReview.fields.specZh")}</dt>
          <dd lang="zh-CN">{product.specZh || "—"}</dd>
          <dt>{t("certReview.fields.specEn")}</dt>
          <dd lang="en">{product.specEn || "—"}</dd>
          <dt>{t("product.shelfLife")}</dt>
          <dd>
            {product.shelfLifeDays > 0 ? t("product.days", { count: product.shelfLifeDays }) : "—"}
          </dd>
          <dt>{t("certReview.fields.storageZh")}</dt>
          <dd lang="zh-CN">{product.storageZh || "—"}</dd>
          <dt>{t("certReview.fields.storageEn")}</dt>
          <dd lang="en">{product.storageEn || "—"}</dd>
          <dt>{t("product.tags")}</dt>
          <dd lang="zh-CN">
            {product.tags.length > 0 ? product.tags.join(t("list.separator")) : "—"}
          </dd>
        </dl>
        <h3>{t("certReview.fields.descriptionZh")}</h3>
        <p lang="zh-CN">{product.descriptionZh || "—"}</p>
        <h3>{t("certReview.fields.descriptionEn")}</h3>
        <p lang="en">{product.descriptionEn || "—"}</p>
        <table className="tier-table">
          <caption>{t("product.tiersCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("product.tierQuantity", { unit: unitName(2) })}</th>
              <th scope="col">{t("product.tierPrice")}</th>
            </tr>
          </thead>
          <tbody>
            {data.tiers.map((tier) => (
              <tr key={tier.minQty}>
                <td>
                  {tier.upTo > 0
                    ? t("product.tierRange", { from: tier.minQty, to: tier.upTo })
                    : t("product.tierFrom", { from: tier.minQty })}
                </td>
                <td>
                  <Money fen={tier.unitPriceFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t("certReview.photos")}</h3>
        {data.images.length === 0 ? (
          <p>{t("certReview.noPhotos")}</p>
        ) : (
          <ul>
            {data.images.map((image, i) => (
              <li key={image.id}>
                <a href={image.src}>
                  <img
                    src={image.thumbSrc}
                    width={PHOTO_WIDTH}
                    height={Math.round((PHOTO_WIDTH * image.height) / Math.max(image.width, 1))}
                    loading="lazy"
                    alt={t("product.imageAltN", { name: product.name, n: i + 1 })}
                  />
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      {data.delistable ? (
        <section className="panel" aria-labelledby="delist-heading">
          <h2 id="delist-heading">{t("certReview.delist.heading")}</h2>
          <Form method="post" className="form" noValidate>
            <div className="form-field">
              <label htmlFor="delist-reason">{t("certReview.delist.reason")}</label>
              <textarea
                id="delist-reason"
                name="reason"
                rows={2}
                maxLength={500}
                aria-invalid={delistErrors ? true : undefined}
                aria-describedby={delistErrors ? "delist-reason-errors" : undefined}
              />
              <ErrorList id="delist-reason-errors" errors={delistErrors} />
            </div>
            <p>
              <button type="submit" name="intent" value="delist" className="secondary-button">
                {t("certReview.delist.submit", { name: product.name })}
              </button>
            </p>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("certReview.history")}</h2>
        {data.history.map((h) => (
          <article key={h.id} className="panel" aria-labelledby={`history-${h.id}`}>
            <h3 id={`history-${h.id}`}>
              {h.id === c.id ? (
                <span lang="zh-CN">{h.number}</span>
              ) : (
                <Link to={`/office/certifications/${h.id}`} lang="zh-CN">
                  {h.number}
                </Link>
              )}{" "}
              <span className={`status status-${h.status}`}>{t(`certStatus.${h.status}`)}</span>
              {h.inForce ? ` · ${t("certReview.inForce")}` : ""}
            </h3>
            <CertificationFacts certification={h} />
            <p>
              {t("certReview.submittedBy", { at: h.submittedAt, name: h.submitterName ?? "—" })}
              {h.reviewedAt
                ? ` · ${t("certReview.decidedBy", {
                    status: t(`certStatus.${h.status}`),
                    name: h.reviewerName ?? "—",
                    at: h.reviewedAt,
                  })}`
                : ""}
              {h.rejectReason ? ` · ${t("certReview.columns.reason")}: ${h.rejectReason}` : ""}
            </p>
          </article>
        ))}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t("certReview.eventsHeading")}</h2>
        {data.events.length === 0 ? (
          <p>{t("certReview.noEvents")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table" aria-labelledby="events-heading">
              <thead>
                <tr>
                  <th scope="col">{t("certReview.columns.at")}</th>
                  <th scope="col">{t("certReview.columns.event")}</th>
                  <th scope="col">{t("certReview.columns.status")}</th>
                  <th scope="col">{t("certReview.columns.reason")}</th>
                  <th scope="col">{t("certReview.columns.by")}</th>
                </tr>
              </thead>
              <tbody>
                {data.events.map((event) => (
                  <tr key={event.id}>
                    <td>{event.at}</td>
                    <td>{t(`certReview.events.${event.kind}`, { defaultValue: event.kind })}</td>
                    <td>
                      {event.fromStatus || event.toStatus
                        ? `${status(event.fromStatus)} → ${status(event.toStatus)}`
                        : "—"}
                    </td>
                    <td>{event.reason ?? "—"}</td>
                    <td>
                      {event.actorName ?? "—"}
                      {event.actorOrgName ? ` (${event.actorOrgName})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
