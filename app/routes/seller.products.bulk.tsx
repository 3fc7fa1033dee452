import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { CsvUploadForm } from "~/components/csv-upload";
import { FormAlert, useMessage } from "~/components/form";
import { sellerLinks } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formValues } from "~/domain/forms";
import { bulkConfirmSchema } from "~/domain/product-bulk";
import { PRODUCT_CSV_COLUMNS, PRODUCT_CSV_MAX_ROWS, type CellError } from "~/domain/product-csv";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT, type Translate } from "~/i18n/use-t";
import { can } from "~/models/organisations.server";
import {
  applyBulkEdit,
  checkBulkUpload,
  type BulkResult,
  type PreviewRow,
} from "~/models/product-bulk.server";
import { productFormChoices } from "~/models/products.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("bulkEdit.title")} · ${t("site.name")}`,
    description: t("descriptions.productBulk"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    choices: productFormChoices(db, current.acting.orgId, language),
    // From the loader, so the CSV parser stays out of the browser's bundle.
    columns: [...PRODUCT_CSV_COLUMNS],
    maxRows: PRODUCT_CSV_MAX_ROWS,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  const sellerId = current.acting.orgId;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const { result, status } = await checkBulkUpload(db, request, sellerId);
    return Response.json(result, { status });
  }
  const form = await readFormData(request);
  if (form.get("intent") !== "apply")
    return Response.json({ step: "error", message: "forms.invalid" } satisfies BulkResult, {
      status: 400,
    });
  const parsed = bulkConfirmSchema.safeParse(formValues(form));
  if (!parsed.success)
    return Response.json({ step: "error", message: "bulkEdit.notFound" } satisfies BulkResult, {
      status: 404,
    });
  const { t } = await getTranslator(request);
  const { result, status } = applyBulkEdit(db, {
    sellerId,
    ...parsed.data,
    actor: { userId: current.user.id, orgId: sellerId, ip: clientIpOf(context) },
    reason: t("bulkEdit.stockReason", { upload: parsed.data.token }),
  });
  return Response.json(result, { status });
}

/** A cell's text for the preview: long text shortened, empty text said in words. */
function shown(t: Translate, text: string): string {
  if (text === "") return t("bulkEdit.blank");
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** A column as the reader knows it: its name in their language and its name in the file. */
function columnName(t: Translate, column: CellError["column"]): string {
  if (column === "") return t("bulkEdit.wholeRow");
  return t("bulkEdit.columnName", { label: t(`bulkEdit.columns.${column}`), column });
}

function RowOutcome({ row }: { row: PreviewRow }) {
  const t = useT();
  if (row.action === "create") return <>{t("bulkEdit.action.create")}</>;
  if (row.action === "update") return <>{t("bulkEdit.action.update", { id: row.productId })}</>;
  if (row.action === "unchanged")
    return <>{t("bulkEdit.action.unchanged", { id: row.productId })}</>;
  return <strong>{t("bulkEdit.action.invalid")}</strong>;
}

function RowDetails({ row }: { row: PreviewRow }) {
  const t = useT();
  const message = useMessage();
  const stockAfter = (row.stockBefore ?? 0) + row.stockDelta;
  return (
    <>
      {row.name ? (
        <p>
          <strong>{row.name}</strong>
        </p>
      ) : null}
      {row.errors.length > 0 ? (
        <ul className="field-errors">
          {row.errors.map((error, i) => (
            <li key={i}>
              {t("bulkEdit.cellError", {
                column: columnName(t, error.column),
                message: message(error.message),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {row.changes.length > 0 || row.stockDelta !== 0 ? (
        <ul>
          {row.changes.map((change) => (
            <li key={change.column}>
              {t("bulkEdit.change", {
                column: columnName(t, change.column),
                from: shown(t, change.from),
                to: shown(t, change.to),
              })}
            </li>
          ))}
          {row.stockDelta !== 0 ? (
            <li>
              {t("bulkEdit.stockChange", {
                column: columnName(t, "stock"),
                from: row.stockBefore,
                to: stockAfter,
                delta: row.stockDelta > 0 ? `+${row.stockDelta}` : String(row.stockDelta),
              })}
            </li>
          ) : null}
        </ul>
      ) : null}
    </>
  );
}

function Preview({ result }: { result: Extract<BulkResult, { step: "preview" }> }) {
  const t = useT();
  const message = useMessage();
  const { counts } = result;
  return (
    <section className="panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("bulkEdit.preview")}</h2>
      {result.notice ? <FormAlert message={message(result.notice)} /> : null}
      {result.errorCount > 0 ? (
        <p role="alert" className="form-alert">
          {t("bulkEdit.problems", { count: result.errorCount })}
        </p>
      ) : (
        <p role="status">
          {t("bulkEdit.counts", {
            create: counts.create,
            update: counts.update,
            unchanged: counts.unchanged,
          })}
        </p>
      )}
      {result.fileErrors.length > 0 ? (
        <ul className="field-errors">
          {result.fileErrors.map((error, i) => (
            <li key={i}>
              {error.column
                ? t("bulkEdit.cellError", {
                    column: columnName(t, error.column),
                    message: message(error.message),
                  })
                : message(error.message)}
            </li>
          ))}
        </ul>
      ) : null}
      {result.confirm ? (
        <Form method="post" className="form">
          <input type="hidden" name="token" value={result.confirm.token} />
          <input type="hidden" name="sha256" value={result.confirm.sha256} />
          <input type="hidden" name="plan" value={result.confirm.plan} />
          <p className="hint">{t("bulkEdit.confirmHint")}</p>
          <button type="submit" name="intent" value="apply">
            {t("bulkEdit.confirm", { count: counts.create + counts.update })}
          </button>
        </Form>
      ) : result.errorCount === 0 && result.rows.length > 0 ? (
        <p>{t("bulkEdit.nothingToApply")}</p>
      ) : null}
      {result.rows.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t("bulkEdit.preview")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("bulkEdit.line")}</th>
                <th scope="col">{t("bulkEdit.outcome")}</th>
                <th scope="col">{t("bulkEdit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>
                    <RowOutcome row={row} />
                  </td>
                  <td>
                    <RowDetails row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Done({ result }: { result: Extract<BulkResult, { step: "done" }> }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="done-heading">
      <h2 id="done-heading">{t("bulkEdit.doneHeading")}</h2>
      <p className="form-success" role="status">
        {t("bulkEdit.done", result.counts)}
      </p>
      {result.products.length > 0 ? (
        <ul>
          {result.products.map((product) => (
            <li key={product.id}>
              <Link to={`/seller/products/${product.id}`}>
                #{product.id} {product.name}
              </Link>{" "}
              <span className="hint">
                {product.action === "create"
                  ? t("bulkEdit.action.created")
                  : t("bulkEdit.action.updated")}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default function BulkEdit() {
  const data = useLoaderData<typeof loader>();
  const actionResult = useActionData<BulkResult>();
  // With JavaScript the check comes back from the upload script instead;
  // it stands until the page's own form answers again.
  const [uploaded, setUploaded] = useState<{
    result: BulkResult;
    after: BulkResult | undefined;
  } | null>(null);
  const result = uploaded && uploaded.after === actionResult ? uploaded.result : actionResult;
  const t = useT();
  const message = useMessage();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("bulkEdit.title")}
        orgName={data.orgName}
        role={data.role}
        links={sellerLinks(t, { canManageMembers: data.canManageMembers })}
      />
      <p>{t("bulkEdit.lead")}</p>
      <p>
        <a href="/seller/products/export.csv" download>
          {t("bulkEdit.export")}
        </a>
      </p>

      <details className="panel">
        <summary>{t("bulkEdit.help.title")}</summary>
        <p>{t("bulkEdit.help.format", { max: data.maxRows })}</p>
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("bulkEdit.help.column")}</th>
                <th scope="col">{t("bulkEdit.help.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {data.columns.map((column) => (
                <tr key={column}>
                  <th scope="row">
                    <code>{column}</code> {t(`bulkEdit.columns.${column}`)}
                  </th>
                  <td>{t(`bulkEdit.help.columns.${column}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>{t("bulkEdit.help.codes")}</h2>
        <dl className="facts">
          <dt>
            <code>categorySlug</code>
          </dt>
          <dd>{data.choices.categories.map((c) => `${c.value} ${c.label}`).join("; ")}</dd>
          <dt>
            <code>unitCode</code>
          </dt>
          <dd>{data.choices.units.map((u) => `${u.value} ${u.label}`).join("; ")}</dd>
          <dt>
            <code>countyCode</code>
          </dt>
          <dd>{data.choices.counties.map((c) => `${c.value} ${c.label}`).join("; ") || "—"}</dd>
        </dl>
      </details>

      {result?.step === "error" ? <FormAlert message={message(result.message)} /> : null}
      {result?.step === "done" ? <Done result={result} /> : null}

      <CsvUploadForm<BulkResult>
        checkUrl="/seller/products/bulk/check"
        heading={t("bulkEdit.upload")}
        fileLabel={t("bulkEdit.file")}
        hint={t("bulkEdit.fileHint", { max: data.maxRows })}
        onResult={(checked) => setUploaded({ result: checked, after: actionResult })}
      />

      {result?.step === "preview" ? <Preview result={result} /> : null}
    </main>
  );
}
