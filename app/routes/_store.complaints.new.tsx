import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField } from "~/components/form";
import { db } from "~/db.server";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { complaintSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { fileComplaint } from "~/models/complaints.server";
import { RateLimited } from "~/models/rate-limits.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  return {
    title: `${t("complaints.title")} · ${t("site.name")}`,
    description: t("descriptions.complaints"),
    subjectType: url.searchParams.get("about") ?? "",
    subjectRef: (url.searchParams.get("ref") ?? "").slice(0, 200),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(complaintSchema, await readFormData(request));
  if (!parsed.ok) {
    return Response.json(
      { fieldErrors: parsed.fieldErrors, values: parsed.values, done: null, alert: null },
      { status: 400 },
    );
  }
  try {
    const filed = fileComplaint(db, parsed.data, clientIpOf(context));
    if (!filed.ok)
      return Response.json(
        {
          fieldErrors: { [filed.field]: [filed.messageKey] },
          values: parsed.data,
          done: null,
          alert: null,
        },
        { status: 400 },
      );
    return Response.json({
      fieldErrors: {},
      values: {},
      done: t("complaints.filed", { id: filed.id }),
      alert: null,
    });
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    return Response.json(
      {
        fieldErrors: {},
        values: parsed.data,
        done: null,
        alert: t("complaints.rateLimited"),
      },
      { status: 429 },
    );
  }
}

export default function NewComplaint() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{
    fieldErrors: FieldErrors;
    values: Record<string, string>;
    done: string | null;
    alert: string | null;
  }>();
  const t = useT();
  const values = result?.values ?? { subjectType: data.subjectType, subjectRef: data.subjectRef };
  const errors = result?.fieldErrors;
  return (
    <main id="main" className="page narrow">
      <h1>{t("complaints.title")}</h1>
      <p className="lead">{t("complaints.lead")}</p>
      {result?.done ? (
        <p className="form-success" role="status">
          {result.done}
        </p>
      ) : (
        <Form method="post" className="form" noValidate>
          <FormAlert
            message={
              result?.alert ??
              (errors && Object.keys(errors).length > 0 ? t("forms.invalid") : null)
            }
          />
          <SelectField
            name="subjectType"
            label={t("complaints.subjectType")}
            defaultValue={values.subjectType ?? ""}
            errors={errors}
          >
            <option value="">{t("forms.pick")}</option>
            {(["product", "seller", "record", "other"] as const).map((type) => (
              <option key={type} value={type}>
                {t(`complaints.subjects.${type}`)}
              </option>
            ))}
          </SelectField>
          <Field
            name="subjectRef"
            label={t("complaints.subjectRef")}
            hint={t("complaints.subjectRefHint")}
            defaultValue={values.subjectRef}
            errors={errors}
          />
          <div className="form-field">
            <label htmlFor="field-body">{t("complaints.body")}</label>
            <textarea
              id="field-body"
              name="body"
              rows={6}
              maxLength={2000}
              defaultValue={values.body}
              aria-invalid={errors?.body ? true : undefined}
              aria-describedby={errors?.body ? "field-body-errors" : undefined}
            />
            {errors?.body ? (
              <ul id="field-body-errors" className="field-errors">
                {errors.body.map((e) => (
                  <li key={e}>{t(e)}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <Field
            name="contactName"
            label={t("complaints.contactName")}
            defaultValue={values.contactName}
            errors={errors}
          />
          <Field
            name="contact"
            label={t("complaints.contact")}
            hint={t("complaints.contactHint")}
            defaultValue={values.contact}
            errors={errors}
          />
          <p>
            <button type="submit">{t("complaints.submit")}</button>
          </p>
        </Form>
      )}
      <p className="hint">{t("footer.hotline")}</p>
    </main>
  );
}
