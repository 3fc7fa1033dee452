import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { startSession } from "~/auth/session.server";
import { FormAlert } from "~/components/form";
import { db } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { confirmSignUp, isSignUpLinkValid } from "~/models/signups.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

const confirmSchema = z.object({ token: z.string().min(20).max(100) });

/**
 * The mailed link only shows a button: following a link must not create an
 * account, or a mail scanner that opens links would spend it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = confirmSchema.safeParse({ token }).success && isSignUpLinkValid(db, token);
  return {
    title: `${t("auth.confirm.title")} · ${t("site.name")}`,
    description: t("descriptions.confirmSignup"),
    token: valid ? token : null,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(confirmSchema, await readFormData(request));
  if (!parsed.ok) return Response.json({ alert: t("auth.confirm.invalid") }, { status: 400 });
  const ip = clientIpOf(context);
  const result = confirmSignUp(db, { token: parsed.data.token, ip });
  if (!result.ok) {
    const alert = result.reason === "invalid" ? t("auth.confirm.invalid") : t(result.messageKey);
    return Response.json({ alert }, { status: 400 });
  }
  return startSession(request, {
    userId: result.userId,
    ip,
    redirectTo: result.intent === "join" ? "/account?joined=1" : "/account?applied=1",
  });
}

export default function ConfirmSignUp() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<{ alert: string }>();
  const t = useT();
  return (
    <main id="main" className="page narrow">
      <h1>{t("auth.confirm.title")}</h1>
      {token && !result ? (
        <Form method="post" className="form">
          <p>{t("auth.confirm.lead")}</p>
          <input type="hidden" name="token" value={token} />
          <p>
            <button type="submit">{t("auth.confirm.submit")}</button>
          </p>
        </Form>
      ) : (
        <>
          <FormAlert message={result?.alert ?? t("auth.confirm.invalid")} />
          <p>
            <Link to="/signup">{t("auth.signup.title")}</Link> ·{" "}
            <Link to="/login">{t("auth.login.title")}</Link>
          </p>
        </>
      )}
    </main>
  );
}
