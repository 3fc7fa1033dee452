import type { FieldErrors } from "~/domain/forms";
import { MAX_EXTRA_TIERS } from "~/domain/product-limits";
import { useT } from "~/i18n/use-t";
import { ErrorList, Field, SelectField, TextareaField } from "./form";

export interface Choice {
  value: string;
  label: string;
}

export interface ProductFieldChoices {
  categories: Choice[];
  units: Choice[];
  counties: Choice[];
}

/**
 * A choice the seller may no longer change (the product was certified as it
 * is): shown read-only, and sent unchanged in a hidden field.
 */
function LockedChoice({
  name,
  label,
  value,
  choices,
}: {
  name: string;
  label: string;
  value: string;
  choices: Choice[];
}) {
  const t = useT();
  const id = `field-${name}`;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        readOnly
        value={choices.find((c) => c.value === value)?.label ?? value}
        aria-describedby={`${id}-locked`}
      />
      <input type="hidden" name={name} value={value} />
      <p id={`${id}-locked`} className="hint">
        {t("productForm.locked")}
      </p>
    </div>
  );
}

/**
 * The product form's fields, for creating and editing. Prices are typed in
 * yuan; the price and minimum order quantity are the first tier, and up to
 * four more "from quantity → unit price" rows may follow.
 */
export function ProductFields({
  values,
  errors,
  choices,
  identityLocked,
  withStock,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
  choices: ProductFieldChoices;
  identityLocked: boolean;
  withStock: boolean;
}) {
  const t = useT();
  const choice = (name: "categorySlug" | "unitCode" | "countyCode", list: Choice[]) => {
    const label = t(`productForm.fields.${name}`);
    if (identityLocked)
      return <LockedChoice name={name} label={label} value={values[name] ?? ""} choices={list} />;
    return (
      <SelectField
        name={name}
        label={label}
        defaultValue={values[name] ?? ""}
        errors={errors}
        // A single choice is selected already; "required" would ask for an empty first option.
        required={list.length !== 1}
      >
        {list.length === 1 ? null : <option value="">{t("forms.pick")}</option>}
        {list.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
    );
  };
  const tierRows = Array.from({ length: MAX_EXTRA_TIERS }, (_, i) => i + 1);
  return (
    <>
      <fieldset className="group">
        <legend>{t("productForm.sections.what")}</legend>
        <Field
          name="nameZh"
          label={t("productForm.fields.nameZh")}
          defaultValue={values.nameZh}
          errors={errors}
          required
          maxLength={60}
          readOnly={identityLocked}
          hint={identityLocked ? t("productForm.locked") : undefined}
        />
        <Field
          name="nameEn"
          label={t("productForm.fields.nameEn")}
          defaultValue={values.nameEn}
          errors={errors}
          maxLength={120}
          lang="en"
        />
        {choice("categorySlug", choices.categories)}
        {choice("countyCode", choices.counties)}
        <Field
          name="specZh"
          label={t("productForm.fields.specZh")}
          hint={t("productForm.hints.spec")}
          defaultValue={values.specZh}
          errors={errors}
          maxLength={100}
        />
        <Field
          name="specEn"
          label={t("productForm.fields.specEn")}
          defaultValue={values.specEn}
          errors={errors}
          maxLength={200}
          lang="en"
        />
        <Field
          name="tags"
          label={t("productForm.fields.tags")}
          hint={t("productForm.hints.tags")}
          defaultValue={values.tags}
          errors={errors}
          maxLength={200}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t("productForm.sections.price")}</legend>
        {choice("unitCode", choices.units)}
        <Field
          name="price"
          label={t("productForm.fields.price")}
          hint={t("productForm.hints.price")}
          defaultValue={values.price}
          errors={errors}
          required
          inputMode="decimal"
          autoComplete="off"
        />
        <Field
          name="minOrderQty"
          label={t("productForm.fields.minOrderQty")}
          defaultValue={values.minOrderQty}
          errors={errors}
          required
          inputMode="numeric"
          autoComplete="off"
        />
        <fieldset className="group tier-rows">
          <legend>{t("productForm.tiers.legend")}</legend>
          <p className="hint" id="tiers-hint">
            {t("productForm.tiers.hint")}
          </p>
          {tierRows.map((n) => (
            <div key={n} className="tier-row">
              <div className="form-field">
                <label htmlFor={`field-tierQty${n}`}>{t("productForm.tiers.qty", { n })}</label>
                <input
                  id={`field-tierQty${n}`}
                  name={`tierQty${n}`}
                  defaultValue={values[`tierQty${n}`]}
                  inputMode="numeric"
                  autoComplete="off"
                  aria-invalid={errors?.[`tierQty${n}`] ? true : undefined}
                  aria-describedby={
                    errors?.[`tierQty${n}`] ? `field-tierQty${n}-errors` : "tiers-hint"
                  }
                />
                <ErrorList id={`field-tierQty${n}-errors`} errors={errors?.[`tierQty${n}`]} />
              </div>
              <div className="form-field">
                <label htmlFor={`field-tierPrice${n}`}>{t("productForm.tiers.price", { n })}</label>
                <input
                  id={`field-tierPrice${n}`}
                  name={`tierPrice${n}`}
                  defaultValue={values[`tierPrice${n}`]}
                  inputMode="decimal"
                  autoComplete="off"
                  aria-invalid={errors?.[`tierPrice${n}`] ? true : undefined}
                  aria-describedby={
                    errors?.[`tierPrice${n}`] ? `field-tierPrice${n}-errors` : "tiers-hint"
                  }
                />
                <ErrorList id={`field-tierPrice${n}-errors`} errors={errors?.[`tierPrice${n}`]} />
              </div>
            </div>
          ))}
        </fieldset>
      </fieldset>

      <fieldset className="group">
        <legend>{t("productForm.sections.supply")}</legend>
        {withStock ? (
          <Field
            name="stock"
            label={t("productForm.fields.stock")}
            hint={t("productForm.hints.stock")}
            defaultValue={values.stock ?? "0"}
            errors={errors}
            required
            inputMode="numeric"
            autoComplete="off"
          />
        ) : null}
        <Field
          name="monthlyCapacity"
          label={t("productForm.fields.monthlyCapacity")}
          hint={t("productForm.hints.monthlyCapacity")}
          defaultValue={values.monthlyCapacity}
          errors={errors}
          inputMode="numeric"
          autoComplete="off"
        />
        <Field
          name="shelfLifeDays"
          label={t("productForm.fields.shelfLifeDays")}
          hint={t("productForm.hints.shelfLife")}
          defaultValue={values.shelfLifeDays}
          errors={errors}
          inputMode="numeric"
          autoComplete="off"
        />
        <Field
          name="storageZh"
          label={t("productForm.fields.storageZh")}
          defaultValue={values.storageZh}
          errors={errors}
          maxLength={200}
        />
        <Field
          name="storageEn"
          label={t("productForm.fields.storageEn")}
          defaultValue={values.storageEn}
          errors={errors}
          maxLength={400}
          lang="en"
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t("productForm.sections.description")}</legend>
        <TextareaField
          name="descriptionZh"
          label={t("productForm.fields.descriptionZh")}
          defaultValue={values.descriptionZh}
          errors={errors}
          rows={5}
          maxLength={2000}
        />
        <TextareaField
          name="descriptionEn"
          label={t("productForm.fields.descriptionEn")}
          defaultValue={values.descriptionEn}
          errors={errors}
          rows={5}
          maxLength={4000}
          lang="en"
        />
      </fieldset>
    </>
  );
}
