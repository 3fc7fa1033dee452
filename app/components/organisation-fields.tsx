import type { FieldErrors } from "~/domain/forms";
import { useT } from "~/i18n/use-t";
import { roles } from "~/domain/roles";
import { ErrorList, Field, SelectField } from "./form";

interface Option {
  code: string;
  name: string;
}

/**
 * The fields of an organisation's application. Buyers fill the Fuzhou
 * jurisdiction; sellers the Dingxi county, receiving account, mechanism and
 * people lifted; the server checks which apply for the chosen side.
 */
export function OrganisationFields({
  values,
  errors,
  jurisdictions,
  counties,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
  jurisdictions: Option[];
  counties: Option[];
}) {
  const t = useT();
  return (
    <>
      <div className="form-field" role="radiogroup" aria-labelledby="side-label">
        <span id="side-label" className="label">
          {t("org.fields.side")}
        </span>
        {(["buyer", "seller"] as const).map((side) => (
          <label key={side} className="choice">
            <input type="radio" name="side" value={side} defaultChecked={values.side === side} />
            {t(`org.sides.${side}`)}
          </label>
        ))}
        <ErrorList id="field-side-errors" errors={errors?.side} />
      </div>
      <SelectField
        name="type"
        label={t("org.fields.type")}
        defaultValue={values.type ?? ""}
        errors={errors}
      >
        <option value="">{t("forms.pick")}</option>
        {(["budget_unit", "trade_union", "enterprise", "cooperative", "family_farm"] as const).map(
          (type) => (
            <option key={type} value={type}>
              {t(`organisation.types.${type}`)}
            </option>
          ),
        )}
      </SelectField>
      <Field
        name="orgName"
        label={t("org.fields.name")}
        defaultValue={values.orgName}
        errors={errors}
      />
      <Field
        name="creditCode"
        label={t("org.fields.creditCode")}
        hint={t("org.fields.creditCodeHint")}
        defaultValue={values.creditCode}
        errors={errors}
        autoCapitalize="characters"
      />
      <Field
        name="parentCreditCode"
        label={t("org.fields.parentCreditCode")}
        hint={t("org.fields.parentHint")}
        defaultValue={values.parentCreditCode}
        errors={errors}
        autoCapitalize="characters"
      />
      <SelectField
        name="jurisdictionCode"
        label={t("org.fields.jurisdiction")}
        defaultValue={values.jurisdictionCode ?? ""}
        errors={errors}
      >
        <option value="">{t("org.fields.sellerNotApplicable")}</option>
        {jurisdictions.map((j) => (
          <option key={j.code} value={j.code}>
            {j.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        name="countyCode"
        label={t("org.fields.county")}
        defaultValue={values.countyCode ?? ""}
        errors={errors}
      >
        <option value="">{t("org.fields.buyerNotApplicable")}</option>
        {counties.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field
        name="contactName"
        label={t("org.fields.contactName")}
        defaultValue={values.contactName}
        errors={errors}
      />
      <Field
        name="contactPhone"
        label={t("org.fields.contactPhone")}
        type="tel"
        defaultValue={values.contactPhone}
        errors={errors}
      />
      <Field
        name="address"
        label={t("org.fields.address")}
        defaultValue={values.address}
        errors={errors}
      />
      <p className="hint">{t("org.fields.sellerOnly")}</p>
      <Field
        name="bankName"
        label={t("org.fields.bankName")}
        defaultValue={values.bankName}
        errors={errors}
      />
      <Field
        name="bankAccountName"
        label={t("org.fields.bankAccountName")}
        defaultValue={values.bankAccountName}
        errors={errors}
      />
      <Field
        name="bankAccountNumber"
        label={t("org.fields.bankAccountNumber")}
        inputMode="numeric"
        defaultValue={values.bankAccountNumber}
        errors={errors}
      />
      <SelectField
        name="mechanism"
        label={t("org.fields.mechanism")}
        defaultValue={values.mechanism ?? ""}
        errors={errors}
      >
        <option value="">{t("forms.pick")}</option>
        {(["wage", "asset", "business"] as const).map((m) => (
          <option key={m} value={m}>
            {t(`org.mechanisms.${m}`)}
          </option>
        ))}
      </SelectField>
      <Field
        name="peopleLifted"
        label={t("org.fields.peopleLifted")}
        inputMode="numeric"
        defaultValue={values.peopleLifted}
        errors={errors}
      />
    </>
  );
}

/** Asking to join an organisation already on the marketplace: its code and one's role. */
export function JoinFields({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
}) {
  const t = useT();
  return (
    <>
      <p className="hint">{t("auth.signup.joinHint")}</p>
      <Field
        name="joinCreditCode"
        label={t("org.fields.creditCode")}
        defaultValue={values.joinCreditCode}
        errors={errors}
        autoCapitalize="characters"
      />
      <SelectField
        name="role"
        label={t("org.fields.role")}
        defaultValue={values.role ?? ""}
        errors={errors}
      >
        <option value="">{t("forms.pick")}</option>
        {roles.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <p>
        <button type="submit" name="intent" value="join">
          {t("auth.signup.submitJoin")}
        </button>
      </p>
    </>
  );
}
