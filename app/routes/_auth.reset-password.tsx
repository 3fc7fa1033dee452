import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { db } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { resetSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { findResetToken, resetPassword } from "~/models/auth.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token.length >= 20 && token.length <= 100 && findResetToken(db, token) !== null;
  return {
    title: `${t("auth.reset.title")} · ${t("site.name")}`,
    description: t("descriptions.resetPassword"),
    token: valid ? token : null,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(resetSchema, await readFormData(request));
  if (!parsed.ok) {
    return Response.json(
      { done: false, alert: null, fieldErrors: parsed.fieldErrors },
      { status: 400 },
    );
  }
  const done = await resetPassword(db, { ...parsed.data, ip: clientIpOf(context) });
  if (!done) {
    return Response.json(
      { done: false, alert: t("auth.reset.invalid"), fieldErrors: {} },
      { status: 400 },
    );
  }
  return Response.json({ done: true, alert: null, fieldErrors: {} });
}

interface ActionData {
  done: boolean;
  alert: string | null;
  fieldErrors: Record<string, string[]>;
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  return (
    <main id="main" className="page narrow">
      <h1>{t("auth.reset.title")}</h1>
      {result?.done ? (
        <p className="form-success" role="status">
          {t("auth.reset.done")} <Link to="/login">{t("auth.login.title")}</Link>
        </p>
      ) : token ? (
        <Form method="post" className="form" noValidate>
          <FormAlert message={result?.alert} />
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            label={t("auth.fields.newPassword")}
            hint={t("auth.fields.passwordHint")}
            type="password"
            autoComplete="new-password"
            required
            errors={result?.fieldErrors}
          />
          <Field
            name="confirm"
            label={t("auth.fields.confirmPassword")}
            type="password"
            autoComplete="new-password"
            required
            errors={result?.fieldErrors}
          />
          <p>
            <button type="submit">{t("auth.reset.submit")}</button>
          </p>
        </Form>
      ) : (
        <p className="form-alert" role="alert">
          {t("auth.reset.invalid")} <Link to="/forgot-password">{t("auth.forgot.title")}</Link>
        </p>
      )}
    </main>
  );
}
