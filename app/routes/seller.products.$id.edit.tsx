import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { ProductFields } from "~/components/product-fields";
import { ProductPageHeader } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formValues, parseForm, type FieldErrors } from "~/domain/forms";
import { productFormValues, productSchema } from "~/domain/product-forms";
import { identityEditable, isEditable } from "~/domain/product-status";
import { useT } from "~/i18n/use-t";
import { productFormChoices, updateProduct } from "~/models/products.server";
import { pageMeta } from "~/utils/meta";
import { loadOwnProduct } from "~/utils/seller-product.server";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t, language, product, header, sellerId } = await loadOwnProduct(request, params, context);
  return {
    title: `${t("sellerProducts.tabs.details")} · ${header.productName} · ${t("site.name")}`,
    description: t("descriptions.productDetails", { product: header.productName }),
    header,
    editable: isEditable(product.status),
    identityLocked: !identityEditable(product.status, product.listedAt !== null),
    values: productFormValues(product, product.tiers),
    choices: productFormChoices(db, sellerId, language),
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
  const form = await readFormData(request);
  const parsed = parseForm(productSchema, form);
  if (!parsed.ok)
    return Response.json(
      { fieldErrors: parsed.fieldErrors, values: parsed.values },
      { status: 400 },
    );
  const result = updateProduct(db, {
    sellerId,
    productId: product.id,
    product: parsed.data,
    actor,
  });
  if (!result.ok) {
    if (result.reason === "invalid")
      return Response.json(
        { fieldErrors: result.fieldErrors, values: formValues(form) },
        { status: 400 },
      );
    return Response.json(
      {
        fieldErrors: {},
        values: formValues(form),
        alert: t(`sellerProducts.refused.${result.reason}`),
      },
      { status: 409 },
    );
  }
  return Response.json({
    fieldErrors: {},
    values: {},
    message: result.changed.length === 0 ? t("productForm.unchanged") : t("productForm.saved"),
  });
}

export default function EditProduct() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const failed = result && Object.keys(result.fieldErrors).length > 0;
  return (
    <main id="main" className="page">
      <ProductPageHeader header={data.header} title={t("sellerProducts.tabs.details")} />
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />
      {data.editable ? (
        <Form
          method="post"
          className="form product-form"
          noValidate
          aria-label={t("sellerProducts.tabs.details")}
        >
          {failed ? <FormAlert message={t("forms.invalid")} /> : null}
          <ProductFields
            // After a save the form shows what is stored now.
            key={result?.message ?? "form"}
            values={failed ? result.values : data.values}
            errors={result?.fieldErrors}
            choices={data.choices}
            identityLocked={data.identityLocked}
            withStock={false}
          />
          <p className="hint">{t("productForm.stockElsewhere")}</p>
          <p>
            <button type="submit">{t("forms.save")}</button>
          </p>
        </Form>
      ) : (
        <p className="notice">{t("sellerProducts.refused.under_review")}</p>
      )}
    </main>
  );
}
