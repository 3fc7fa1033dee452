import type { FieldErrors } from "~/domain/forms";
import { useT } from "~/i18n/use-t";
import { Field, SelectField } from "./form";

/**
 * The fields of a sale made outside the marketplace, shared by the office's
 * record form and a buyer unit's own: seller, origin, amount, date, channel,
 * certification, invoice and the evidence scan.
 */
export function SaleFields({
  values,
  errors,
  sellers,
  counties,
  today,
  showKind,
}: {
  values: Record<string, string>;
  errors: FieldErrors | undefined;
  sellers: { id: number; name: string }[];
  counties: { code: string; name: string }[];
  today: string;
  /** The office chooses purchase or helped sale; a buyer's own record is a purchase. */
  showKind: boolean;
}) {
  const t = useT();
  return (
    <>
      <SelectField
        name="sellerOrgId"
        label={t("records.fields.seller")}
        defaultValue={values.sellerOrgId ?? ""}
        errors={errors}
      >
        <option value="">{t("forms.pick")}</option>
        {sellers.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        name="countyCode"
        label={t("records.fields.county")}
        defaultValue={values.countyCode ?? ""}
        errors={errors}
      >
        <option value="">{t("forms.pick")}</option>
        {counties.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field
        name="productDescription"
        label={t("records.fields.productDescription")}
        defaultValue={values.productDescription}
        errors={errors}
      />
      <Field
        name="amount"
        label={t("records.fields.amount")}
        inputMode="decimal"
        defaultValue={values.amount}
        errors={errors}
      />
      <Field
        name="saleDate"
        label={t("records.fields.saleDate")}
        type="date"
        max={today}
        defaultValue={values.saleDate}
        errors={errors}
      />
      {showKind ? (
        <SelectField
          name="kind"
          label={t("records.fields.kind")}
          defaultValue={values.kind ?? ""}
          errors={errors}
        >
          <option value="">{t("forms.pick")}</option>
          <option value="purchase">{t("ledger.purchase")}</option>
          <option value="helped_sale">{t("ledger.helpedSale")}</option>
        </SelectField>
      ) : null}
      <SelectField
        name="channel"
        label={t("records.fields.channel")}
        defaultValue={values.channel ?? "offline"}
        errors={errors}
      >
        <option value="offline">{t("ledger.offline")}</option>
        <option value="online">{t("ledger.online")}</option>
      </SelectField>
      <div className="form-field">
        <label className="choice">
          <input
            type="checkbox"
            name="certified"
            defaultChecked={values.certified !== undefined ? values.certified === "on" : true}
          />
          {t("records.fields.certified")}
        </label>
      </div>
      <Field
        name="invoiceNumber"
        label={t("records.fields.invoiceNumber")}
        defaultValue={values.invoiceNumber}
        errors={errors}
      />
      <Field
        name="contractRef"
        label={t("records.fields.contractRef")}
        defaultValue={values.contractRef}
        errors={errors}
      />
      <Field
        name="evidence"
        label={t("records.fields.evidence")}
        hint={t("records.fields.evidenceHint")}
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        errors={errors}
      />
    </>
  );
}
