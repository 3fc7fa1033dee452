import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField } from "~/components/form";
import { ProductPageHeader } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { stockAdjustmentSchema } from "~/domain/product-forms";
import { isLowStock } from "~/domain/product-status";
import { useT } from "~/i18n/use-t";
import { adjustStock, recentStockMovements } from "~/models/products.server";
import { pageMeta } from "~/utils/meta";
import { loadOwnProduct } from "~/utils/seller-product.server";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t, language, product, header } = await loadOwnProduct(request, params, context);
  return {
    title: `${t("sellerProducts.tabs.stock")} · ${header.productName} · ${t("site.name")}`,
    description: t("descriptions.productStock", { product: header.productName }),
    header,
    stock: product.stock,
    minOrderQty: product.minOrderQty,
    monthlyCapacity: product.monthlyCapacity,
    low: isLowStock(product),
    movements: recentStockMovements(db, product.id).map((m) => ({
      id: m.id,
      at: formatDateTime(m.at, language),
      delta: m.delta,
      stockAfter: m.stockAfter,
      kind: m.kind,
      reason: m.reason,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

interface ActionData {
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  message?: string;
  alert?: string;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t, product, sellerId, actor } = await loadOwnProduct(request, params, context);
  const parsed = parseForm(stockAdjustmentSchema, await readFormData(request));
  if (!parsed.ok)
    return Response.json(
      { fieldErrors: parsed.fieldErrors, values: parsed.values },
      { status: 400 },
    );
  const { direction, quantity, reason } = parsed.data;
  const result = adjustStock(db, {
    sellerId,
    productId: product.id,
    delta: direction === "add" ? quantity : -quantity,
    reason,
    actor,
  });
  if (!result.ok) {
    if (result.reason === "negative_stock")
      return Response.json(
        {
          fieldErrors: {
            quantity: [`stockForm.tooMany|${JSON.stringify({ stock: product.stock })}`],
          },
          values: { direction, quantity: String(quantity), reason },
        },
        { status: 400 },
      );
    return Response.json(
      { fieldErrors: {}, values: {}, alert: t(`sellerProducts.refused.${result.reason}`) },
      { status: 409 },
    );
  }
  return Response.json({
    fieldErrors: {},
    values: {},
    message: t("stockForm.done", { stock: result.stock }),
  });
}

export default function ProductStock() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  return (
    <main id="main" className="page">
      <ProductPageHeader header={data.header} title={t("sellerProducts.tabs.stock")} />
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />
      <dl className="facts panel">
        <dt>{t("stockForm.now")}</dt>
        <dd>{data.stock}</dd>
        <dt>{t("productForm.fields.minOrderQty")}</dt>
        <dd>{data.minOrderQty}</dd>
        <dt>{t("productForm.fields.monthlyCapacity")}</dt>
        <dd>{data.monthlyCapacity || "—"}</dd>
      </dl>
      {data.low ? <p className="notice">{t("stockForm.low")}</p> : null}

      <h2 id="adjust-heading">{t("stockForm.heading")}</h2>
      <Form
        method="post"
        className="form"
        noValidate
        aria-labelledby="adjust-heading"
        key={result?.message ?? "adjust"}
      >
        <SelectField
          name="direction"
          label={t("stockForm.direction")}
          defaultValue={values.direction ?? "add"}
          errors={errors}
        >
          <option value="add">{t("stockForm.add")}</option>
          <option value="remove">{t("stockForm.remove")}</option>
        </SelectField>
        <Field
          name="quantity"
          label={t("stockForm.quantity")}
          defaultValue={values.quantity}
          errors={errors}
          required
          inputMode="numeric"
          autoComplete="off"
        />
        <Field
          name="reason"
          label={t("stockForm.reason")}
          hint={t("stockForm.reasonHint")}
          defaultValue={values.reason}
          errors={errors}
          required
          maxLength={200}
        />
        <p>
          <button type="submit">{t("stockForm.submit")}</button>
        </p>
      </Form>

      {data.movements.length > 0 ? (
        <section aria-labelledby="movements-heading">
          <h2 id="movements-heading">{t("stockForm.movements")}</h2>
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("stockForm.when")}</th>
                  <th scope="col">{t("stockForm.change")}</th>
                  <th scope="col">{t("stockForm.after")}</th>
                  <th scope="col">{t("stockForm.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {data.movements.map((m) => (
                  <tr key={m.id}>
                    <td>{m.at}</td>
                    <td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
                    <td>{m.stockAfter}</td>
                    <td>
                      {t(`stockForm.kinds.${m.kind}`)}
                      {m.reason ? ` · ${m.reason}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </main>
  );
}
