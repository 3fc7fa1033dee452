import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Field, FormAlert } from "~/components/form";
import { officeLinks } from "~/components/office-links";
import { db, sqlite } from "~/db.server";
import { shanghaiYear } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { parseYuanToFen } from "~/domain/money";
import { pairingSchema, targetsSchema } from "~/domain/organisation-forms";
import { parseYearParam } from "~/domain/year-param";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listCountyNames } from "~/models/catalog.server";
import { loadPairings } from "~/models/ledger.server";
import { can } from "~/models/organisations.server";
import { listJurisdictions } from "~/models/reference.server";
import {
  getYearTargets,
  listYears,
  openYear,
  savePairing,
  saveTargets,
} from "~/models/targets.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

const yuan = (fen: number) => (fen / 100).toFixed(2);

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "set:targets:any");
  const { language, t } = await getTranslator(request);
  const thisYear = shanghaiYear();
  const year = parseYearParam(new URL(request.url).searchParams.get("year"), thisYear);
  if (year === null) throw new Response(t("progress.badYear"), { status: 404 });
  const targets = getYearTargets(db, year);
  const pairings = loadPairings(db);
  return {
    title: `${t("targets.title")} · ${t("site.name")}`,
    description: t("descriptions.targets"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    year,
    years: [...new Set([thisYear + 1, year, ...listYears(db)])].sort((a, b) => b - a),
    targets: targets
      ? {
          cityTarget: yuan(targets.cityTargetFen),
          peopleTarget: String(targets.peopleTarget),
          reservedShare: (targets.reservedShareBp / 100).toFixed(2).replace(/\.00$/, ""),
          jurisdictions: Object.fromEntries(
            Object.entries(targets.jurisdictions).map(([k, v]) => [k, yuan(v)]),
          ),
        }
      : null,
    jurisdictions: listJurisdictions(sqlite)
      .filter((j) => j.kind !== "municipal")
      .map((j) => ({
        code: j.code,
        name: localName(language, j),
        county: pairings.get(j.code) ?? "",
      })),
    counties: listCountyNames(sqlite).map((c) => ({ code: c.code, name: localName(language, c) })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "set:targets:any");
  const { t } = await getTranslator(request);
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "open-year") {
    const year = parseYearParam(String(form.get("year") ?? ""), shanghaiYear() + 1);
    if (year === null || !openYear(db, year, actor)) {
      return Response.json(
        { fieldErrors: {}, alert: t("targets.cannotOpen"), saved: null },
        { status: 400 },
      );
    }
    return redirect(`/office/targets?year=${year}`, 303);
  }
  const known = {
    jurisdictions: new Set(listJurisdictions(sqlite).map((j) => j.code)),
    counties: new Set(listCountyNames(sqlite).map((c) => c.code)),
  };
  if (intent === "save-targets") {
    const parsed = parseForm(targetsSchema, form);
    const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
    const jurisdictions: Record<string, number> = {};
    for (const [key, value] of form.entries()) {
      const code = /^target-(\d{6})$/.exec(key)?.[1];
      if (!code || typeof value !== "string") continue;
      const fen = parseYuanToFen(value);
      // A code that names no jurisdiction is a forged field: refused, not a database error.
      if (!known.jurisdictions.has(code)) fieldErrors[key] = ["forms.invalid"];
      else if (fen === null) fieldErrors[key] = ["forms.amount"];
      else jurisdictions[code] = fen;
    }
    if (!parsed.ok || Object.keys(fieldErrors).length > 0) {
      return Response.json(
        { fieldErrors, alert: t("forms.invalid"), saved: null },
        { status: 400 },
      );
    }
    const saved = saveTargets(
      db,
      {
        year: parsed.data.year,
        cityTargetFen: parsed.data.cityTarget,
        peopleTarget: parsed.data.peopleTarget,
        reservedShareBp: parsed.data.reservedShare,
        jurisdictions,
      },
      actor,
    );
    if (!saved) throw new Response(t("progress.badYear"), { status: 404 });
    return Response.json({ fieldErrors: {}, alert: null, saved: t("targets.saved") });
  }
  if (intent === "save-pairing") {
    const parsed = pairingSchema.safeParse(Object.fromEntries(form));
    if (
      !parsed.success ||
      !known.jurisdictions.has(parsed.data.jurisdictionCode) ||
      (parsed.data.countyCode !== null && !known.counties.has(parsed.data.countyCode))
    )
      return Response.json(
        { fieldErrors: {}, alert: t("forms.invalid"), saved: null },
        { status: 400 },
      );
    savePairing(db, parsed.data, actor);
    return Response.json({ fieldErrors: {}, alert: null, saved: t("targets.pairingSaved") });
  }
  return Response.json(
    { fieldErrors: {}, alert: t("forms.invalid"), saved: null },
    { status: 400 },
  );
}

interface ActionData {
  fieldErrors: FieldErrors;
  alert: string | null;
  saved: string | null;
}

export default function Targets() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("targets.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      {result?.saved ? (
        <p className="form-success" role="status">
          {result.saved}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />
      <Form method="get" className="inline-form">
        <label htmlFor="targets-year">{t("progress.year")}</label>
        <select id="targets-year" name="year" defaultValue={data.year}>
          {data.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="submit">{t("progress.show")}</button>
      </Form>

      {data.targets ? (
        <Form method="post" className="form" noValidate aria-labelledby="targets-heading">
          <h2 id="targets-heading">{t("targets.heading", { year: data.year })}</h2>
          <input type="hidden" name="year" value={data.year} />
          <Field
            name="cityTarget"
            label={t("targets.city")}
            inputMode="decimal"
            defaultValue={data.targets.cityTarget}
            errors={errors}
          />
          <Field
            name="peopleTarget"
            label={t("targets.people")}
            inputMode="numeric"
            defaultValue={data.targets.peopleTarget}
            errors={errors}
          />
          <Field
            name="reservedShare"
            label={t("targets.reservedShare")}
            hint={t("targets.reservedShareHint")}
            inputMode="decimal"
            defaultValue={data.targets.reservedShare}
            errors={errors}
          />
          <fieldset className="group">
            <legend>{t("targets.jurisdictions")}</legend>
            {data.jurisdictions.map((j) => (
              <Field
                key={j.code}
                name={`target-${j.code}`}
                label={t("targets.jurisdictionTarget", { name: j.name })}
                inputMode="decimal"
                defaultValue={data.targets?.jurisdictions[j.code] ?? "0.00"}
                errors={errors}
              />
            ))}
          </fieldset>
          <p>
            <button type="submit" name="intent" value="save-targets">
              {t("targets.save")}
            </button>
          </p>
        </Form>
      ) : (
        <Form method="post" className="panel">
          <p>{t("targets.notOpen", { year: data.year })}</p>
          <input type="hidden" name="year" value={data.year} />
          <button type="submit" name="intent" value="open-year">
            {t("targets.open", { year: data.year })}
          </button>
        </Form>
      )}

      <h2>{t("targets.pairings")}</h2>
      <p className="hint">{t("targets.pairingsHint")}</p>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("records.fields.jurisdiction")}</th>
              <th scope="col">{t("targets.pairedCounty")}</th>
            </tr>
          </thead>
          <tbody>
            {data.jurisdictions.map((j) => (
              <tr key={j.code}>
                <td>{j.name}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="jurisdictionCode" value={j.code} />
                    <label htmlFor={`pair-${j.code}`} className="visually-hidden">
                      {t("targets.pairFor", { name: j.name })}
                    </label>
                    <select id={`pair-${j.code}`} name="countyCode" defaultValue={j.county}>
                      <option value="">{t("targets.unpaired")}</option>
                      {data.counties.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="intent" value="save-pairing">
                      {t("targets.savePairing", { name: j.name })}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
