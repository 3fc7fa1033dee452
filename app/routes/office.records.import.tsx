import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { readFileSync } from "node:fs";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { FormAlert, useMessage } from "~/components/form";
import { CsvUploadForm } from "~/components/csv-upload";
import { Money } from "~/components/money";
import { officeLinks } from "~/components/office-links";
import { db, sqlite } from "~/db.server";
import { checkImport } from "~/domain/record-import";
import {
  checkUploadedImport,
  importLookups,
  type ImportResult,
} from "~/models/record-import.server";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can } from "~/models/organisations.server";
import {
  importFilePath,
  importRecords,
  listPendingBatches,
  verifyBatch,
} from "~/models/records.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "record:sale:any");
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("import.title")} · ${t("site.name")}`,
    description: t("descriptions.recordImport"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    me: current.user.id,
    batches: listPendingBatches(db).map((b) => ({ ...b, mine: b.recordedBy === current.user.id })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

type Result = ImportResult;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "record:sale:any");
  const { t } = await getTranslator(request);
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const { result, status } = await checkUploadedImport(request, t);
    return Response.json(result, { status });
  }

  const form = await readFormData(request);
  const batch = String(form.get("batch") ?? "");
  if (form.get("intent") === "verify-batch") {
    if (!can(current.acting, "verify:sale:any"))
      throw new Response(t("auth.forbidden"), { status: 403 });
    const result = verifyBatch(db, { batch, actor });
    if (!result.ok) {
      if (result.reason === "not_found") throw new Response(t("records.notFound"), { status: 404 });
      const message =
        t(`records.refused.${result.reason}`) + (result.recordId ? ` (#${result.recordId})` : "");
      return Response.json({ step: "error", message } satisfies Result, { status: 409 });
    }
    return Response.json({
      step: "done",
      message: t("import.verified", { count: result.count }),
    } satisfies Result);
  }
  const path = importFilePath(batch);
  if (!path) throw new Response(t("records.notFound"), { status: 404 });
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Response(t("records.notFound"), { status: 404 });
  }
  // Checked again: sellers or codes may have changed since the preview.
  const checked = checkImport(text, importLookups(sqlite));
  if (checked.problems.length > 0) {
    return Response.json({ step: "error", message: t("import.changed") } satisfies Result, {
      status: 409,
    });
  }
  const { createHash } = await import("node:crypto");
  const count = importRecords(db, {
    rows: checked.rows,
    batch,
    sha256: createHash("sha256").update(text).digest("hex"),
    actor,
  });
  return Response.json({ step: "done", message: t("import.imported", { count }) } satisfies Result);
}

export default function ImportRecords() {
  const data = useLoaderData<typeof loader>();
  const actionResult = useActionData<Result>();
  // With JavaScript the check comes back from the upload script instead.
  // It stands until the page's own form answers again.
  const [uploaded, setUploaded] = useState<{ result: Result; after: Result | undefined } | null>(
    null,
  );
  const result = uploaded && uploaded.after === actionResult ? uploaded.result : actionResult;
  const t = useT();
  const message = useMessage();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("import.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <p>{t("import.lead")}</p>
      <p>
        <a href="/office/records/template.csv">{t("import.template")}</a>
      </p>
      {result?.step === "done" ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      {result?.step === "error" ? <FormAlert message={result.message} /> : null}

      <CsvUploadForm<ImportResult>
        checkUrl="/office/records/import/check"
        heading={t("import.upload")}
        fileLabel={t("import.file")}
        onResult={(checked) => setUploaded({ result: checked, after: actionResult })}
      />

      {result?.step === "preview" ? (
        <section className="panel" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("import.preview")}</h2>
          {result.problemCount > 0 ? (
            <>
              <p role="alert" className="form-alert">
                {t("import.problems", { count: result.problemCount })}
              </p>
              <div className="table-scroll" tabIndex={0}>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("import.line")}</th>
                      <th scope="col">{t("import.column")}</th>
                      <th scope="col">{t("import.problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.problems.map((p, i) => (
                      <tr key={i}>
                        <td>{p.line}</td>
                        <td>{p.column}</td>
                        <td>{message(p.message)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <Form method="post" className="form">
              <p role="status">
                {t("import.ready", { count: result.rows })} <Money fen={result.amountFen} />
              </p>
              <input type="hidden" name="batch" value={result.batch ?? ""} />
              <button type="submit" name="intent" value="import">
                {t("import.confirm", { count: result.rows })}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <h2>{t("import.pendingBatches")}</h2>
      {data.batches.length === 0 ? <p>{t("import.noBatches")}</p> : null}
      <ul>
        {data.batches.map((b) => (
          <li key={b.batch}>
            {t("import.batchLine", { count: b.rows })} <Money fen={b.amountFen} />{" "}
            {b.mine ? (
              <span className="hint">{t("records.ownRecord")}</span>
            ) : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="batch" value={b.batch ?? ""} />
                <button type="submit" name="intent" value="verify-batch">
                  {t("import.verifyBatch", { count: b.rows })}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
