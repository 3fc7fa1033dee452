import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Field, FormAlert, SelectField } from "~/components/form";
import { Money } from "~/components/money";
import { buyerLinks } from "~/components/buyer-nav";
import { db } from "~/db.server";
import { cartLineSchema, checkoutSchema } from "~/domain/checkout-forms";
import { purposes } from "~/domain/order-options";
import { formValues, parseForm, type FieldErrors } from "~/domain/forms";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { acknowledgePrices, setCartQuantity, viewCart } from "~/models/cart.server";
import { can, getOrganisation } from "~/models/organisations.server";
import { placeOrders } from "~/models/orders.server";
import { clientIpOf } from "~/server/context";
import { stripeEnabled } from "~/services/stripe.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "create:order:own-org");
  const { language, t } = await getTranslator(request);
  const org = getOrganisation(db, current.acting.orgId)!;
  const cart = viewCart(db, org.id);
  const name = (zh: string, en: string) => localise(language, zh, en);
  return {
    title: `${t("cart.title")} · ${t("site.name")}`,
    description: t("descriptions.cart"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    links: { canApprove: can(current.acting, "approve:order:own-org") },
    sellers: cart.sellers.map((group) => ({
      sellerId: group.sellerId,
      name: name(group.sellerZh, group.sellerEn),
      totalFen: group.totalFen,
      lines: group.lines.map((line) => ({
        productId: line.productId,
        name: name(line.nameZh, line.nameEn),
        unit: name(line.unitZh, line.unitEn),
        county: name(line.countyZh, line.countyEn),
        paired: line.paired,
        qty: line.qty,
        minOrderQty: line.minOrderQty,
        stock: line.stock,
        tierMinQty: line.tier?.minQty ?? null,
        unitPriceFen: line.unitPriceFen,
        seenUnitPriceFen: line.seenUnitPriceFen,
        lineTotalFen: line.lineTotalFen,
        savingsFen: line.savingsFen,
        problems: line.problems,
      })),
    })),
    totalFen: cart.totalFen,
    savingsFen: cart.savingsFen,
    problems: cart.problems,
    priceChanges: cart.lines.filter((l) => l.problems.includes("price_changed")).length,
    needsApproval: org.approvalThresholdFen !== null && cart.totalFen > org.approvalThresholdFen,
    thresholdFen: org.approvalThresholdFen,
    stripe: stripeEnabled(),
    // A fresh key per page: a double click or a resubmitted form places once.
    idempotencyKey: crypto.randomUUID(),
    defaults: {
      deliveryAddress: org.address,
      contactName: current.user.name,
      contactPhone: org.contactPhone,
      invoiceTitle: org.nameZh,
      taxNumber: org.creditCode,
      poReference: "",
      purpose: org.type === "trade_union" ? "staff_welfare" : "canteen",
      paymentMethod: "bank_transfer",
    } as Record<string, string>,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

interface ActionData {
  fieldErrors: FieldErrors;
  values?: Record<string, string>;
  message?: string;
  alert?: string;
  productId?: number;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "create:order:own-org");
  const { t } = await getTranslator(request);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const buyerOrgId = current.acting.orgId;

  if (intent === "acknowledge") {
    acknowledgePrices(db, buyerOrgId);
    return Response.json({ fieldErrors: {}, message: t("cart.pricesSeen") });
  }

  if (intent === "place") {
    const parsed = parseForm(checkoutSchema, form);
    if (!parsed.ok)
      return Response.json(
        { fieldErrors: parsed.fieldErrors, values: parsed.values },
        { status: 400 },
      );
    if (parsed.data.paymentMethod === "stripe" && !stripeEnabled())
      return Response.json(
        { fieldErrors: { paymentMethod: ["forms.choose"] }, values: formValues(form) },
        { status: 400 },
      );
    const { idempotencyKey, ...details } = parsed.data;
    const result = placeOrders(db, {
      buyerOrgId,
      userId: current.user.id,
      ip: clientIpOf(context),
      idempotencyKey,
      details,
    });
    if (!result.ok)
      return Response.json(
        { fieldErrors: {}, values: formValues(form), alert: t(`cart.refused.${result.reason}`) },
        { status: 409 },
      );
    return redirect(`/buyer/orders?placed=${result.checkoutId}`, 303);
  }

  const parsed = parseForm(cartLineSchema, form);
  if (!parsed.ok) return Response.json({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { productId, qty } = parsed.data;
  const result = setCartQuantity(db, {
    buyerOrgId,
    userId: current.user.id,
    productId,
    qty: parsed.data.intent === "remove" ? 0 : qty,
    mode: parsed.data.intent === "add" ? "add" : "set",
  });
  if (!result.ok) {
    const alert = t(`cart.lineRefused.${result.reason}`, {
      min: result.minOrderQty ?? 0,
      stock: result.stock ?? 0,
    });
    // From a product page without JavaScript, go back there with the reason.
    const back = form.get("returnTo");
    if (typeof back === "string" && /^\/products\/\d+$/.test(back))
      return redirect(`${back}?cartError=${result.reason}`, 303);
    return Response.json({ fieldErrors: {}, alert, productId }, { status: 400 });
  }
  if (parsed.data.intent === "add") return redirect("/buyer/cart?added=1", 303);
  return Response.json({
    fieldErrors: {},
    message: t(result.qty === 0 ? "cart.removed" : "cart.updated"),
  });
}

export default function Cart() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const values = { ...data.defaults, ...(result?.values ?? {}) };
  const errors = result?.fieldErrors;
  const empty = data.sellers.length === 0;
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("cart.title")}
        orgName={data.orgName}
        role={data.role}
        links={buyerLinks(t, data.links)}
      />
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />
      {empty ? (
        <p>
          {t("cart.empty")} <Link to="/products">{t("cart.browse")}</Link>
        </p>
      ) : null}

      {data.sellers.map((group) => (
        <section
          key={group.sellerId}
          className="panel cart-seller"
          aria-labelledby={`seller-${group.sellerId}`}
        >
          <h2 id={`seller-${group.sellerId}`}>{t("cart.fromSeller", { seller: group.name })}</h2>
          <ul className="cart-lines">
            {group.lines.map((line) => (
              <li key={line.productId}>
                <p className="cart-line-name">
                  <Link to={`/products/${line.productId}`}>{line.name}</Link>
                  {" · "}
                  {line.county}
                  {line.paired ? (
                    <span className="badge status-listed">{t("cart.paired")}</span>
                  ) : null}
                </p>
                <p>
                  {line.unitPriceFen !== null ? (
                    <>
                      <Money fen={line.unitPriceFen} />
                      {t("product.perUnit", { unit: line.unit })} ×{" "}
                      {t("product.quantity", { count: line.qty, unit: line.unit })} ={" "}
                      <strong>
                        <Money fen={line.lineTotalFen ?? 0} />
                      </strong>
                    </>
                  ) : (
                    "—"
                  )}
                </p>
                {line.tierMinQty !== null && line.tierMinQty > line.minOrderQty ? (
                  <p className="hint">
                    {t("cart.tier", { from: line.tierMinQty, unit: line.unit })}
                    {line.savingsFen > 0 ? (
                      <>
                        {" · "}
                        {t("cart.saving")} <Money fen={line.savingsFen} />
                      </>
                    ) : null}
                  </p>
                ) : null}
                {line.problems.map((problem) => (
                  <p key={problem} className="notice" role="note">
                    {problem === "price_changed" ? (
                      <>
                        {t("cart.problems.price_changed")} <Money fen={line.seenUnitPriceFen} /> →{" "}
                        <Money fen={line.unitPriceFen ?? 0} />
                      </>
                    ) : (
                      t(`cart.problems.${problem}`, {
                        min: line.minOrderQty,
                        stock: line.stock,
                        unit: line.unit,
                      })
                    )}
                  </p>
                ))}
                <Form method="post" className="inline-form cart-qty">
                  <input type="hidden" name="productId" value={line.productId} />
                  <label htmlFor={`qty-${line.productId}`}>
                    {t("cart.qtyLabel", { name: line.name, unit: line.unit })}
                  </label>
                  <input
                    id={`qty-${line.productId}`}
                    name="qty"
                    defaultValue={line.qty}
                    inputMode="numeric"
                    size={7}
                    key={line.qty}
                  />
                  <button type="submit" name="intent" value="set">
                    {t("cart.update")}
                  </button>
                  <button type="submit" name="intent" value="remove" className="secondary-button">
                    {t("cart.remove", { name: line.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <p className="cart-subtotal">
            {t("cart.sellerTotal")} <Money fen={group.totalFen} />
          </p>
        </section>
      ))}

      {!empty ? (
        <>
          <p className="cart-total">
            {t("cart.total")}{" "}
            <strong>
              <Money fen={data.totalFen} />
            </strong>
            {data.savingsFen > 0 ? (
              <>
                {" · "}
                {t("cart.totalSaving")} <Money fen={data.savingsFen} />
              </>
            ) : null}
          </p>
          <p className="hint">{t("cart.perSeller", { count: data.sellers.length })}</p>
          {data.needsApproval && data.thresholdFen !== null ? (
            <p className="notice">
              {t("cart.needsApproval")} <Money fen={data.thresholdFen} />
            </p>
          ) : null}
          {data.priceChanges > 0 ? (
            <Form method="post" className="form">
              <p className="notice">{t("cart.pricesChanged", { count: data.priceChanges })}</p>
              <button type="submit" name="intent" value="acknowledge">
                {t("cart.acceptPrices")}
              </button>
            </Form>
          ) : null}

          <h2 id="checkout-heading">{t("checkout.heading")}</h2>
          <Form method="post" className="form" noValidate aria-labelledby="checkout-heading">
            <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
            <Field
              name="deliveryAddress"
              label={t("checkout.deliveryAddress")}
              defaultValue={values.deliveryAddress}
              errors={errors}
              required
              maxLength={200}
            />
            <Field
              name="contactName"
              label={t("checkout.contactName")}
              defaultValue={values.contactName}
              errors={errors}
              required
              maxLength={60}
            />
            <Field
              name="contactPhone"
              label={t("checkout.contactPhone")}
              defaultValue={values.contactPhone}
              errors={errors}
              required
              type="tel"
            />
            <Field
              name="invoiceTitle"
              label={t("checkout.invoiceTitle")}
              defaultValue={values.invoiceTitle}
              errors={errors}
              required
              maxLength={100}
            />
            <Field
              name="taxNumber"
              label={t("checkout.taxNumber")}
              hint={t("checkout.taxNumberHint")}
              defaultValue={values.taxNumber}
              errors={errors}
              required
              maxLength={20}
            />
            <Field
              name="poReference"
              label={t("checkout.poReference")}
              defaultValue={values.poReference}
              errors={errors}
              maxLength={60}
            />
            <SelectField
              name="purpose"
              label={t("checkout.purpose")}
              defaultValue={values.purpose}
              errors={errors}
            >
              {purposes.map((purpose) => (
                <option key={purpose} value={purpose}>
                  {t(`checkout.purposes.${purpose}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              name="paymentMethod"
              label={t("checkout.paymentMethod")}
              defaultValue={values.paymentMethod}
              errors={errors}
            >
              <option value="bank_transfer">{t("checkout.methods.bank_transfer")}</option>
              {data.stripe ? <option value="stripe">{t("checkout.methods.stripe")}</option> : null}
            </SelectField>
            <p>
              <button type="submit" name="intent" value="place" disabled={data.problems > 0}>
                {t("checkout.place", { count: data.sellers.length })}
              </button>
            </p>
            {data.problems > 0 ? <p className="hint">{t("checkout.fixFirst")}</p> : null}
          </Form>
        </>
      ) : null}
    </main>
  );
}
