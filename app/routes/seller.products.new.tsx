import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { FormAlert } from "~/components/form";
import { ProductFields } from "~/components/product-fields";
import { sellerLinks } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formValues, parseForm, type FieldErrors } from "~/domain/forms";
import { productSchema } from "~/domain/product-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can } from "~/models/organisations.server";
import { createProduct, productFormChoices } from "~/models/products.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("productForm.newTitle")} · ${t("site.name")}`,
    description: t("descriptions.productNew"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    choices: productFormChoices(db, current.acting.orgId, language),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  const form = await readFormData(request);
  const parsed = parseForm(productSchema, form);
  if (!parsed.ok)
    return Response.json(
      { fieldErrors: parsed.fieldErrors, values: parsed.values },
      { status: 400 },
    );
  const result = createProduct(db, {
    sellerId: current.acting.orgId,
    product: parsed.data,
    actor: { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) },
  });
  if (!result.ok) {
    const fieldErrors: FieldErrors = result.reason === "invalid" ? result.fieldErrors : {};
    return Response.json({ fieldErrors, values: formValues(form) }, { status: 400 });
  }
  // Next step: photos, then the certification, then submit for review.
  return redirect(`/seller/products/${result.id}/photos?created=1`);
}

export default function NewProduct() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ fieldErrors: FieldErrors; values: Record<string, string> }>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("productForm.newTitle")}
        orgName={data.orgName}
        role={data.role}
        links={sellerLinks(t, { canManageMembers: data.canManageMembers })}
      />
      <p className="lead">{t("productForm.steps")}</p>
      <Form
        method="post"
        className="form product-form"
        noValidate
        aria-label={t("productForm.newTitle")}
      >
        {result ? <FormAlert message={t("forms.invalid")} /> : null}
        <ProductFields
          values={result?.values ?? {}}
          errors={result?.fieldErrors}
          choices={data.choices}
          identityLocked={false}
          withStock
        />
        <p>
          <button type="submit">{t("productForm.create")}</button>
        </p>
      </Form>
    </main>
  );
}
