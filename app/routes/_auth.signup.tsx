import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getCurrentUser } from "~/auth/session.server";
import { Field, FormAlert } from "~/components/form";
import { JoinFields, OrganisationFields } from "~/components/organisation-fields";
import { db, sqlite } from "~/db.server";
import { absoluteUrl } from "~/env.server";
import { formValues, parseForm, type FieldErrors } from "~/domain/forms";
import { signupJoinSchema, signupNewOrganisationSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listCountyNames } from "~/models/catalog.server";
import { FormRefusal } from "~/models/organisations.server";
import { RateLimited } from "~/models/rate-limits.server";
import { requestSignUp, type SignUpRequest } from "~/models/signups.server";
import { listJurisdictions } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  if (await getCurrentUser(request)) throw redirect("/account");
  return {
    title: `${t("auth.signup.title")} · ${t("site.name")}`,
    description: t("descriptions.signup"),
    jurisdictions: listJurisdictions(sqlite).map((j) => ({
      code: j.code,
      name: localName(language, j),
    })),
    counties: listCountyNames(sqlite).map((c) => ({ code: c.code, name: localName(language, c) })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function refused(values: Record<string, string>, fieldErrors: FieldErrors, status = 400) {
  for (const key of Object.keys(values)) if (/password/i.test(key)) values[key] = "";
  return Response.json({ values, fieldErrors, alert: null, sentTo: null }, { status });
}

/**
 * Validates the form, then answers "check your mail" whether or not the
 * address has an account (`requestSignUp` mails either a confirmation link
 * or a note that someone tried). Organisation errors still show.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const ip = clientIpOf(context);
  const values = formValues(form);
  let signUp: SignUpRequest;
  if (intent === "new-organisation") {
    const parsed = parseForm(signupNewOrganisationSchema, form);
    if (!parsed.ok) return refused(parsed.values, parsed.fieldErrors);
    const { name, email, phone, password, ...org } = parsed.data;
    signUp = { intent, person: { name, email, phone, password }, org };
  } else if (intent === "join") {
    const parsed = parseForm(signupJoinSchema, form);
    if (!parsed.ok) return refused(parsed.values, parsed.fieldErrors);
    const { name, email, phone, password, joinCreditCode, role } = parsed.data;
    signUp = { intent, person: { name, email, phone, password }, creditCode: joinCreditCode, role };
  } else {
    return refused(values, { form: ["forms.invalid"] });
  }
  try {
    await requestSignUp(db, signUp, ip, {
      confirm: (token) => ({
        subject: t("auth.signup.confirmMailSubject"),
        body: t("auth.signup.confirmMailBody", {
          link: absoluteUrl(`/confirm-signup?token=${token}`),
        }),
      }),
      alreadyRegistered: () => ({
        subject: t("auth.signup.registeredMailSubject"),
        body: t("auth.signup.registeredMailBody", {
          login: absoluteUrl("/login"),
          reset: absoluteUrl("/forgot-password"),
        }),
      }),
    });
  } catch (error) {
    if (error instanceof FormRefusal) return refused(values, { [error.field]: [error.messageKey] });
    if (!(error instanceof RateLimited)) throw error;
    for (const key of Object.keys(values)) if (/password/i.test(key)) values[key] = "";
    return Response.json(
      { values, fieldErrors: {}, alert: t("auth.signup.rateLimited"), sentTo: null },
      { status: 429 },
    );
  }
  return Response.json({ values: {}, fieldErrors: {}, alert: null, sentTo: signUp.person.email });
}

interface ActionData {
  values: Record<string, string>;
  fieldErrors: FieldErrors;
  alert: string | null;
  /** The address the "check your mail" page names, once the form is accepted. */
  sentTo: string | null;
}

export default function Signup() {
  const { jurisdictions, counties } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  if (result?.sentTo) {
    return (
      <main id="main" className="page narrow">
        <h1>{t("auth.signup.checkMailTitle")}</h1>
        <p className="form-success" role="status">
          {t("auth.signup.checkMail", { email: result.sentTo })}
        </p>
        <p className="hint">{t("auth.signup.checkMailHint")}</p>
      </main>
    );
  }
  return (
    <main id="main" className="page narrow">
      <h1>{t("auth.signup.title")}</h1>
      <p className="lead">{t("auth.signup.lead")}</p>
      <FormAlert message={result?.alert ?? (errors?.form ? t("forms.invalid") : null)} />
      <Form method="post" className="form" noValidate>
        <fieldset className="group">
          <legend>{t("auth.signup.person")}</legend>
          <Field
            name="name"
            label={t("auth.fields.name")}
            autoComplete="name"
            required
            defaultValue={values.name}
            errors={errors}
          />
          <Field
            name="email"
            label={t("auth.fields.email")}
            type="email"
            autoComplete="email"
            required
            defaultValue={values.email}
            errors={errors}
          />
          <Field
            name="phone"
            label={t("auth.fields.phone")}
            type="tel"
            autoComplete="tel"
            required
            defaultValue={values.phone}
            errors={errors}
          />
          <Field
            name="password"
            label={t("auth.fields.newPassword")}
            hint={t("auth.fields.passwordHint")}
            type="password"
            autoComplete="new-password"
            required
            errors={errors}
          />
        </fieldset>

        <fieldset className="group">
          <legend>{t("auth.signup.join")}</legend>
          <JoinFields values={values} errors={errors} />
        </fieldset>

        <fieldset className="group">
          <legend>{t("auth.signup.newOrganisation")}</legend>
          <p className="hint">{t("auth.signup.newHint")}</p>
          <OrganisationFields
            values={values}
            errors={errors}
            jurisdictions={jurisdictions}
            counties={counties}
          />
          <p>
            <button type="submit" name="intent" value="new-organisation">
              {t("auth.signup.submitNew")}
            </button>
          </p>
        </fieldset>
      </Form>
      <p>
        <Link to="/login">{t("auth.signup.haveAccount")}</Link>
      </p>
    </main>
  );
}
