import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { db } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { loginSchema } from "~/domain/organisation-forms";
import { areaOfSide } from "~/domain/permissions";
import { getCurrentUser, startSession } from "~/auth/session.server";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { attemptLogin } from "~/models/auth.server";
import { isActive, listMemberships } from "~/models/organisations.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";
import { readFormData } from "~/utils/form-data.server";
import { refusedAttemptMessage, retryAfterHeader } from "~/utils/refused-attempt.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  if (await getCurrentUser(request)) throw redirect(redirectTo || "/account");
  return {
    title: `${t("auth.login.title")} · ${t("site.name")}`,
    description: t("descriptions.login"),
    redirectTo,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const parsed = parseForm(loginSchema, await readFormData(request));
  if (!parsed.ok) {
    return Response.json(
      {
        fieldErrors: parsed.fieldErrors,
        values: parsed.values,
        alert: null,
        attempt: randomUUID(),
      },
      { status: 400 },
    );
  }
  const ip = clientIpOf(context);
  const result = await attemptLogin(db, { ...parsed.data, ip });
  if (!result.ok) {
    const values = { email: parsed.data.email };
    if (result.reason === "rate_limited") {
      const alert = refusedAttemptMessage(t, language, result);
      return Response.json(
        { fieldErrors: {}, values, alert, attempt: randomUUID() },
        { status: 429, headers: retryAfterHeader(result) },
      );
    }
    const status = result.reason === "disabled" ? 403 : 400;
    const alert = t(result.reason === "disabled" ? "auth.login.disabled" : "auth.login.invalid");
    return Response.json({ fieldErrors: {}, values, alert, attempt: randomUUID() }, { status });
  }
  const first = listMemberships(db, result.userId).find(isActive);
  const fallback = first ? areaOfSide(first.side) : "/account";
  return startSession(request, {
    userId: result.userId,
    ip,
    redirectTo: safeRedirect(parsed.data.redirectTo, fallback),
  });
}

interface ActionData {
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
  alert: string | null;
  /** New on every answer, so the password box is emptied after each try. */
  attempt: string;
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  return (
    <main id="main" className="page narrow">
      <h1>{t("auth.login.title")}</h1>
      <FormAlert message={result?.alert} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          name="email"
          label={t("auth.fields.email")}
          type="email"
          autoComplete="username"
          required
          defaultValue={result?.values.email}
          errors={result?.fieldErrors}
        />
        <Field
          key={result?.attempt}
          name="password"
          label={t("auth.fields.password")}
          type="password"
          autoComplete="current-password"
          required
          errors={result?.fieldErrors}
        />
        <p>
          <button type="submit">{t("auth.login.submit")}</button>
        </p>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link> ·{" "}
        <Link to="/signup">{t("auth.login.signup")}</Link>
      </p>
    </main>
  );
}
