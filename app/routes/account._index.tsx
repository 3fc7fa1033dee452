import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FormAlert } from "~/components/form";
import { JoinFields, OrganisationFields } from "~/components/organisation-fields";
import { db, sqlite } from "~/db.server";
import { formValues, parseForm, type FieldErrors } from "~/domain/forms";
import { joinSchema, organisationSchema } from "~/domain/organisation-forms";
import { areaOfSide } from "~/domain/permissions";
import { switchOrganisationSchema } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { localise, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { setActingOrganisation } from "~/models/auth.server";
import { listCountyNames } from "~/models/catalog.server";
import {
  applyForOrganisation,
  FormRefusal,
  isActive,
  requestMembership,
} from "~/models/organisations.server";
import { listJurisdictions } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { language, t } = await getTranslator(request);
  const url = new URL(request.url);
  return {
    title: `${t("account.title")} · ${t("site.name")}`,
    description: t("descriptions.account"),
    notice: url.searchParams.has("applied")
      ? t("account.applied")
      : url.searchParams.has("joined")
        ? t("account.joined")
        : null,
    user: current.user,
    actingOrgId: current.acting?.orgId ?? null,
    memberships: current.memberships.map((m) => ({
      orgId: m.orgId,
      orgName: localise(language, m.orgNameZh, m.orgNameEn),
      side: m.side,
      role: m.role,
      status: m.status,
      orgStatus: m.orgStatus,
      rejectReason: m.orgRejectReason,
      active: isActive(m),
      area: areaOfSide(m.side),
    })),
    jurisdictions: listJurisdictions(sqlite).map((j) => ({
      code: j.code,
      name: localName(language, j),
    })),
    counties: listCountyNames(sqlite).map((c) => ({ code: c.code, name: localName(language, c) })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const ip = clientIpOf(context);
  const values = formValues(form);
  try {
    if (intent === "switch") {
      const parsed = switchOrganisationSchema.safeParse(values);
      const target = parsed.success
        ? current.memberships.find((m) => m.orgId === parsed.data.orgId && isActive(m))
        : undefined;
      // Not one of the person's active organisations: as if it did not exist.
      if (!target) throw new Response(null, { status: 404 });
      setActingOrganisation(db, current.session.idHash, target.orgId);
      return redirect(areaOfSide(target.side), 303);
    }
    if (intent === "join") {
      const parsed = parseForm(joinSchema, form);
      if (!parsed.ok)
        return Response.json(
          { values: parsed.values, fieldErrors: parsed.fieldErrors },
          { status: 400 },
        );
      requestMembership(db, {
        userId: current.user.id,
        creditCode: parsed.data.joinCreditCode,
        role: parsed.data.role,
        ip,
      });
      return redirect("/account?joined=1", 303);
    }
    if (intent === "new-organisation") {
      const parsed = parseForm(organisationSchema, form);
      if (!parsed.ok)
        return Response.json(
          { values: parsed.values, fieldErrors: parsed.fieldErrors },
          { status: 400 },
        );
      applyForOrganisation(db, { userId: current.user.id, org: parsed.data, ip });
      return redirect("/account?applied=1", 303);
    }
  } catch (error) {
    if (error instanceof FormRefusal) {
      return Response.json(
        { values, fieldErrors: { [error.field]: [error.messageKey] } },
        { status: 400 },
      );
    }
    throw error;
  }
  return Response.json({ values, fieldErrors: { form: ["forms.invalid"] } }, { status: 400 });
}

interface ActionData {
  values: Record<string, string>;
  fieldErrors: FieldErrors;
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  return (
    <main id="main" className="page">
      <h1>{t("account.title")}</h1>
      {data.notice ? (
        <p className="form-success" role="status">
          {data.notice}
        </p>
      ) : null}
      <FormAlert message={errors?.form ? t("forms.invalid") : null} />
      <p>
        {data.user.name} · {data.user.email}
      </p>

      <h2>{t("account.organisations")}</h2>
      {data.memberships.length === 0 ? <p>{t("account.none")}</p> : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("org.fields.name")}</th>
              <th scope="col">{t("org.fields.role")}</th>
              <th scope="col">{t("account.status")}</th>
              <th scope="col">{t("account.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.memberships.map((m) => (
              <tr key={m.orgId}>
                <td>{m.orgName}</td>
                <td>{t(`roles.${m.role}`)}</td>
                <td>
                  {m.orgStatus !== "approved" ? (
                    <>
                      <span className={`status status-${m.orgStatus}`}>
                        {t(`account.orgStatus.${m.orgStatus}`)}
                      </span>
                      {m.rejectReason ? (
                        <p>
                          {t("account.reason")}: {m.rejectReason}
                        </p>
                      ) : null}
                    </>
                  ) : (
                    <span className={`status status-${m.status}`}>
                      {t(`account.memberStatus.${m.status}`)}
                    </span>
                  )}
                </td>
                <td>
                  {m.active ? (
                    m.orgId === data.actingOrgId ? (
                      <Link to={m.area}>{t("account.actingFor")}</Link>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="orgId" value={m.orgId} />
                        <button type="submit" name="intent" value="switch">
                          {t("account.actFor", { name: m.orgName })}
                        </button>
                      </Form>
                    )
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="two-col">
        <Form method="post" className="form" noValidate>
          <fieldset className="group">
            <legend>{t("auth.signup.join")}</legend>
            <JoinFields values={values} errors={errors} />
          </fieldset>
        </Form>
        <Form method="post" className="form" noValidate>
          <fieldset className="group">
            <legend>{t("auth.signup.newOrganisation")}</legend>
            <OrganisationFields
              values={values}
              errors={errors}
              jurisdictions={data.jurisdictions}
              counties={data.counties}
            />
            <p>
              <button type="submit" name="intent" value="new-organisation">
                {t("auth.signup.submitNew")}
              </button>
            </p>
          </fieldset>
        </Form>
      </div>
    </main>
  );
}
