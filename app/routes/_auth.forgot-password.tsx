import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { db } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { forgotSchema } from "~/domain/organisation-forms";
import { absoluteUrl } from "~/env.server";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { requestPasswordReset } from "~/models/auth.server";
import { RateLimited } from "~/models/rate-limits.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return {
    title: `${t("auth.forgot.title")} · ${t("site.name")}`,
    description: t("descriptions.forgotPassword"),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

/**
 * Always answers the same, whether or not the address has an account, so the
 * form cannot be used to find out who is registered (`requestPasswordReset`
 * does the same work either way). Too many requests answer 429 in the form.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(forgotSchema, await readFormData(request));
  if (!parsed.ok)
    return Response.json(
      { sent: false, alert: null, fieldErrors: parsed.fieldErrors, values: parsed.values },
      { status: 400 },
    );
  try {
    requestPasswordReset(
      db,
      { email: parsed.data.email, ip: clientIpOf(context) },
      {
        reset: (token) => ({
          subject: t("auth.forgot.mailSubject"),
          body: t("auth.forgot.mailBody", {
            link: absoluteUrl(`/reset-password?token=${token}`),
          }),
        }),
        noAccount: () => ({
          subject: t("auth.forgot.mailSubject"),
          body: t("auth.forgot.noAccountBody", {
            signup: absoluteUrl("/signup"),
            login: absoluteUrl("/login"),
          }),
        }),
      },
    );
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    return Response.json(
      {
        sent: false,
        alert: t("auth.forgot.rateLimited"),
        fieldErrors: {},
        values: { email: parsed.data.email },
      },
      { status: 429 },
    );
  }
  return Response.json({ sent: true, alert: null, fieldErrors: {}, values: {} });
}

interface ActionData {
  sent: boolean;
  alert: string | null;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
}

export default function ForgotPassword() {
  const result = useActionData<ActionData>();
  const t = useT();
  return (
    <main id="main" className="page narrow">
      <h1>{t("auth.forgot.title")}</h1>
      {result?.sent ? (
        <p className="form-success" role="status">
          {t("auth.forgot.sent")}
        </p>
      ) : (
        <Form method="post" className="form" noValidate>
          <FormAlert message={result?.alert} />
          <p>{t("auth.forgot.lead")}</p>
          <Field
            name="email"
            label={t("auth.fields.email")}
            type="email"
            autoComplete="email"
            required
            defaultValue={result?.values.email}
            errors={result?.fieldErrors}
          />
          <p>
            <button type="submit">{t("auth.forgot.submit")}</button>
          </p>
        </Form>
      )}
    </main>
  );
}
