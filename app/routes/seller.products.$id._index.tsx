import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextareaField } from "~/components/form";
import { Money } from "~/components/money";
import { ProductHistory } from "~/components/product-history";
import { ProductPageHeader } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formatDate, formatDateTime, shanghaiDate } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { productActionSchema } from "~/domain/product-forms";
import { certificateState, isOrderable, sellerActions } from "~/domain/product-status";
import { useT } from "~/i18n/use-t";
import { changeProductStatus, productHistory } from "~/models/products.server";
import { pageMeta } from "~/utils/meta";
import { loadOwnProduct } from "~/utils/seller-product.server";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t, language, product, header } = await loadOwnProduct(request, params, context);
  const today = shanghaiDate();
  const inForce = product.certifications.find((c) => c.id === product.certificationId) ?? null;
  const pending = product.certifications.find((c) => c.status === "pending") ?? null;
  return {
    title: `${header.productName} · ${t("sellerProducts.title")} · ${t("site.name")}`,
    description: t("descriptions.sellerProduct", { product: header.productName }),
    header,
    id: product.id,
    status: product.status,
    statusReason: product.statusReason,
    orderable: isOrderable(product, today),
    priceFen: product.priceFen,
    minOrderQty: product.minOrderQty,
    stock: product.stock,
    unit: product.unitCode,
    photos: product.images.length,
    certificate: certificateState(product.certifiedUntil, today),
    inForce: inForce
      ? {
          number: inForce.number,
          validUntil: formatDate(inForce.validUntil, language),
        }
      : null,
    pending: pending
      ? { number: pending.number, submittedAt: formatDateTime(pending.createdAt, language) }
      : null,
    actions: sellerActions(product.status),
    certifications: product.certifications.map((c) => ({
      id: c.id,
      number: c.number,
      authority: c.authority,
      level: c.level,
      status: c.status,
      validUntil: formatDate(c.validUntil, language),
      rejectReason: c.rejectReason,
      hasDocument: c.documentKey !== null,
    })),
    events: productHistory(db, product.id).map((e) => ({
      id: e.id,
      at: formatDateTime(e.at, language),
      iso: e.at.toISOString(),
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      actor: e.actorName ?? "",
      actorOrg: e.actorOrgName ?? "",
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

interface ActionData {
  fieldErrors: FieldErrors;
  message?: string;
  alert?: string;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t, product, sellerId, actor } = await loadOwnProduct(request, params, context);
  const parsed = parseForm(productActionSchema, await readFormData(request));
  if (!parsed.ok) return Response.json({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const result = changeProductStatus(db, {
    sellerId,
    productId: product.id,
    action: parsed.data.intent,
    reason: parsed.data.reason,
    actor,
  });
  if (!result.ok)
    return Response.json(
      { fieldErrors: {}, alert: t(`sellerProducts.refused.${result.reason}`) },
      { status: 409 },
    );
  return Response.json({
    fieldErrors: {},
    message: t(`sellerProducts.done.${parsed.data.intent}`),
  });
}

export default function SellerProduct() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const visibility = data.orderable
    ? null
    : data.status === "listed"
      ? t("sellerProducts.hidden.expired")
      : t(`sellerProducts.hidden.${data.status}`);
  return (
    <main id="main" className="page">
      <ProductPageHeader header={data.header} title={t("sellerProducts.tabs.overview")} />
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />

      <section className="panel" aria-labelledby="where-heading">
        <h2 id="where-heading">{t("sellerProducts.whereNow")}</h2>
        {data.orderable ? (
          <p>
            {t("sellerProducts.onSale")}{" "}
            <Link to={`/products/${data.id}`}>{t("sellerProducts.viewInStore")}</Link>
          </p>
        ) : (
          <p>{visibility}</p>
        )}
        {data.statusReason ? (
          <p className="notice">
            {t("sellerProducts.reason")}: {data.statusReason}
          </p>
        ) : null}
        {data.certificate === "expiring" && data.inForce ? (
          <p className="notice" role="note">
            {t("sellerProducts.expiring", { date: data.inForce.validUntil })}{" "}
            <Link to={`/seller/products/${data.id}/certification`}>
              {t("sellerProducts.renew")}
            </Link>
          </p>
        ) : null}
        {data.certificate === "expired" && data.inForce ? (
          <p className="notice" role="note">
            {t("sellerProducts.expired", { date: data.inForce.validUntil })}{" "}
            <Link to={`/seller/products/${data.id}/certification`}>
              {t("sellerProducts.renew")}
            </Link>
          </p>
        ) : null}
        <dl className="facts">
          <dt>{t("productForm.fields.price")}</dt>
          <dd>
            <Money fen={data.priceFen} /> · {t("productForm.fields.minOrderQty")} {data.minOrderQty}
          </dd>
          <dt>{t("product.stock")}</dt>
          <dd>{data.stock}</dd>
          <dt>{t("sellerProducts.tabs.photos")}</dt>
          <dd>
            {t("sellerProducts.photoCount", { count: data.photos })}{" "}
            <Link to={`/seller/products/${data.id}/photos`}>
              {t("sellerProducts.managePhotos")}
            </Link>
          </dd>
          <dt>{t("sellerProducts.inForce")}</dt>
          <dd>
            {data.inForce
              ? t("sellerProducts.certificateLine", data.inForce)
              : t("sellerProducts.noCertificate")}
          </dd>
          <dt>{t("sellerProducts.pendingReview")}</dt>
          <dd>
            {data.pending ? (
              t("sellerProducts.pendingLine", data.pending)
            ) : (
              <Link to={`/seller/products/${data.id}/certification`}>
                {t("sellerProducts.attachCertificate")}
              </Link>
            )}
          </dd>
        </dl>
      </section>

      {data.actions.length > 0 ? (
        <section className="panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("sellerProducts.actionsHeading")}</h2>
          {data.actions.includes("submit") ? (
            <Form method="post" className="form">
              <p className="hint">{t("sellerProducts.submitHint")}</p>
              <button type="submit" name="intent" value="submit">
                {t("sellerProducts.actions.submit")}
              </button>
            </Form>
          ) : null}
          {data.actions.includes("withdraw") ? (
            <Form method="post" className="form">
              <p className="hint">{t("sellerProducts.withdrawHint")}</p>
              <button type="submit" name="intent" value="withdraw" className="secondary-button">
                {t("sellerProducts.actions.withdraw")}
              </button>
            </Form>
          ) : null}
          {data.actions.includes("pause") ? (
            <Form method="post" className="form">
              <button type="submit" name="intent" value="pause" className="secondary-button">
                {t("sellerProducts.actions.pause")}
              </button>
            </Form>
          ) : null}
          {data.actions.includes("resume") ? (
            <Form method="post" className="form">
              <button type="submit" name="intent" value="resume">
                {t("sellerProducts.actions.resume")}
              </button>
            </Form>
          ) : null}
          {data.actions.includes("delist") ? (
            <Form method="post" className="form">
              <TextareaField
                id="delist-reason"
                name="reason"
                label={t("sellerProducts.delistReason")}
                errors={result?.fieldErrors}
                rows={2}
                maxLength={500}
              />
              <button type="submit" name="intent" value="delist" className="secondary-button">
                {t("sellerProducts.actions.delist")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {data.certifications.length > 0 ? (
        <section aria-labelledby="certs-heading">
          <h2 id="certs-heading">{t("sellerProducts.certHistory")}</h2>
          <ul className="plain-list">
            {data.certifications.map((c) => (
              <li key={c.id}>
                {c.number} · {c.authority} · {t(`certification.levels.${c.level}`)} ·{" "}
                {t("certification.validUntil")} {c.validUntil} ·{" "}
                <strong>{t(`certStatus.${c.status}`)}</strong>
                {c.rejectReason ? ` · ${c.rejectReason}` : ""}
                {c.hasDocument ? (
                  <>
                    {" "}
                    ·{" "}
                    <a href={`/certifications/${c.id}/document`}>
                      {t("sellerProducts.document", { number: c.number })}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ProductHistory events={data.events} />
    </main>
  );
}
