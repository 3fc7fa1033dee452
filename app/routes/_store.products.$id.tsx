import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getCurrentUser } from "~/auth/session.server";
import { can } from "~/models/organisations.server";
import { useT } from "~/i18n/use-t";
import { pageMeta } from "~/utils/meta";
import { Money, MoneyLarge } from "~/components/money";
import { ProductGrid, toCardView } from "~/components/product-card";
import { sqlite } from "~/db.server";
import { formatDate } from "~/domain/dates";
import { tierSavingsFen } from "~/domain/pricing";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { localise, localName } from "~/i18n/localise";
import { getVisibleProduct, relatedProducts } from "~/models/catalog.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const product = id.success ? getVisibleProduct(sqlite, id.data) : null;
  if (!product) {
    throw new Response(t("error.productNotFound"), { status: 404 });
  }
  const name = localName(language, product);
  const current = await getCurrentUser(request);
  const url = new URL(request.url);
  const cartError = url.searchParams.get("cartError");
  return {
    language,
    // Buyers order from here; everyone else is told how ordering works.
    canOrder: Boolean(current?.acting && can(current.acting, "create:order:own-org")),
    signedIn: Boolean(current),
    cartError:
      cartError &&
      ["unavailable", "below_minimum", "above_stock", "too_many_lines"].includes(cartError)
        ? cartError
        : null,
    title: `${name} · ${t("site.name")}`,
    // A product may lack a description in this language; the page still gets one in it.
    description:
      (language === "en" ? product.descriptionEn : product.descriptionZh) ||
      t("descriptions.product", { product: name, county: localName(language, product.county) }),
    product: {
      id: product.id,
      name,
      otherName: language === "en" ? product.nameZh : product.nameEn,
      description: localise(language, product.descriptionZh, product.descriptionEn),
      spec: localise(language, product.specZh, product.specEn),
      storage: localise(language, product.storageZh, product.storageEn),
      shelfLifeDays: product.shelfLifeDays,
      tags: product.tags,
      unitCode: product.unit.code,
      priceFen: product.priceFen,
      minOrderQty: product.minOrderQty,
      stock: product.stock,
      category: { slug: product.category.slug, name: localName(language, product.category) },
      county: { code: product.county.code, name: localName(language, product.county) },
      partners: product.pairedJurisdictions.map((j) => localName(language, j)),
      images: product.images,
      tiers: product.tiers.map((tier, i) => ({
        ...tier,
        upTo: (product.tiers[i + 1]?.minQty ?? 0) - 1,
        savingsFen: tierSavingsFen(product.tiers, tier.minQty),
      })),
      seller: {
        name: localName(language, product.seller),
        type: product.seller.type,
        description: localise(language, product.seller.descriptionZh, product.seller.descriptionEn),
        peopleLifted: product.seller.peopleLifted,
        foundedYear: product.seller.foundedYear,
      },
      certification: {
        ...product.certification,
        issuedOn: formatDate(product.certification.issuedOn, language),
        validUntil: formatDate(product.certification.validUntil, language),
      },
    },
    related: relatedProducts(sqlite, product).map((card) => toCardView(card, language)),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ProductPage() {
  const { product, related, language, canOrder, signedIn, cartError } =
    useLoaderData<typeof loader>();
  const t = useT();
  const [cover, ...moreImages] = product.images;
  const quantity = (count: number) =>
    t("product.quantity", { count, unit: t(`units.${product.unitCode}`, { count }) });
  return (
    <main id="main" className="page product-page">
      <nav aria-label={t("breadcrumb.label")} className="breadcrumb">
        <Link to="/products">{t("nav.products")}</Link> ›{" "}
        <Link to={`/products?category=${product.category.slug}`}>{product.category.name}</Link>
      </nav>
      <div className="product-layout">
        <div className="product-gallery">
          {cover ? (
            <img
              src={cover.src}
              width={cover.width}
              height={cover.height}
              alt={t("product.imageAlt", { name: product.name })}
            />
          ) : null}
          {moreImages.map((image, i) => (
            <img
              key={image.src}
              src={image.src}
              width={image.width}
              height={image.height}
              loading="lazy"
              alt={t("product.imageAltN", { name: product.name, n: i + 2 })}
            />
          ))}
        </div>
        <div className="product-summary">
          <h1>
            {product.name}
            {product.otherName ? (
              <span className="other-name" lang={language === "en" ? "zh-CN" : "en"}>
                {product.otherName}
              </span>
            ) : null}
          </h1>
          <p className="product-price big">
            <Money fen={product.priceFen} />
            <span className="per-unit">
              {t("product.perUnit", { unit: t(`units.${product.unitCode}`, { count: 1 }) })}
            </span>
          </p>
          <dl className="facts">
            <dt>{t("product.minOrderLabel")}</dt>
            <dd>{quantity(product.minOrderQty)}</dd>
            <dt>{t("product.stock")}</dt>
            <dd>{quantity(product.stock)}</dd>
            <dt>{t("product.spec")}</dt>
            <dd>{product.spec}</dd>
            <dt>{t("product.origin")}</dt>
            <dd>
              <Link to={`/counties/${product.county.code}`}>{product.county.name}</Link>
              {" · "}
              {product.partners.length > 0
                ? t("county.pairedWith", { partners: product.partners.join(t("list.separator")) })
                : t("county.unpaired")}
            </dd>
            <dt>{t("product.shelfLife")}</dt>
            <dd>
              {product.shelfLifeDays > 0
                ? t("product.days", { count: product.shelfLifeDays })
                : t("product.seasonal")}
            </dd>
            <dt>{t("product.storage")}</dt>
            <dd>{product.storage}</dd>
          </dl>
          {product.tags.length > 0 ? (
            <ul className="tags" aria-label={t("product.tags")}>
              {product.tags.map((tag) => (
                <li key={tag} lang="zh-CN">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
          <table className="tier-table">
            <caption>{t("product.tiersCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {t("product.tierQuantity", {
                    unit: t(`units.${product.unitCode}`, { count: 2 }),
                  })}
                </th>
                <th scope="col">{t("product.tierPrice")}</th>
                <th scope="col">{t("product.tierSaving")}</th>
              </tr>
            </thead>
            <tbody>
              {product.tiers.map((tier) => (
                <tr key={tier.minQty}>
                  <td>
                    {tier.upTo > 0
                      ? t("product.tierRange", { from: tier.minQty, to: tier.upTo })
                      : t("product.tierFrom", { from: tier.minQty })}
                  </td>
                  <td>
                    <Money fen={tier.unitPriceFen} />
                  </td>
                  <td>
                    {tier.savingsFen > 0 ? (
                      <>
                        {t("product.tierSavingAtMin")} <Money fen={tier.savingsFen} />
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canOrder ? (
            <Form method="post" action="/buyer/cart" className="form add-to-cart">
              <input type="hidden" name="productId" value={product.id} />
              <input type="hidden" name="returnTo" value={`/products/${product.id}`} />
              {cartError ? (
                <p className="form-alert" role="alert">
                  {t(`cart.lineRefused.${cartError}`, {
                    min: product.minOrderQty,
                    stock: product.stock,
                  })}
                </p>
              ) : null}
              <div className="form-field">
                <label htmlFor="add-qty">
                  {t("cart.qtyToAdd", { unit: t(`units.${product.unitCode}`, { count: 2 }) })}
                </label>
                <input
                  id="add-qty"
                  name="qty"
                  defaultValue={product.minOrderQty}
                  inputMode="numeric"
                  size={8}
                />
              </div>
              <p>
                <button type="submit" name="intent" value="add" className="button">
                  {t("cart.add")}
                </button>
              </p>
            </Form>
          ) : (
            <p className="order-note">
              {signedIn ? t("cart.buyersOnly") : t("product.orderNote")}{" "}
              {signedIn ? null : (
                <Link to={`/login?redirectTo=/products/${product.id}`}>
                  {t("cart.signInToOrder")}
                </Link>
              )}
            </p>
          )}
          <p className="order-note">
            <a href={`/complaints/new?about=product&ref=${product.id}`}>
              {t("complaints.aboutProduct")}
            </a>
          </p>
        </div>
      </div>

      <section aria-labelledby="description-heading">
        <h2 id="description-heading">{t("product.description")}</h2>
        <p>{product.description}</p>
      </section>

      <div className="two-col">
        <section aria-labelledby="seller-heading" className="panel">
          <h2 id="seller-heading">{t("product.seller")}</h2>
          <p className="seller-name">{product.seller.name}</p>
          <p>{product.seller.description}</p>
          <dl className="facts">
            <dt>{t("product.sellerType")}</dt>
            <dd>{t(`organisation.types.${product.seller.type}`)}</dd>
            <dt>{t("product.peopleLifted")}</dt>
            <dd>{t("product.people", { count: product.seller.peopleLifted })}</dd>
            {product.seller.foundedYear ? (
              <>
                <dt>{t("product.founded")}</dt>
                <dd>{product.seller.foundedYear}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-labelledby="certification-heading" className="panel">
          <h2 id="certification-heading">{t("certification.heading")}</h2>
          <dl className="facts">
            <dt>{t("certification.authority")}</dt>
            <dd lang="zh-CN">{product.certification.authority}</dd>
            <dt>{t("certification.level")}</dt>
            <dd>{t(`certification.levels.${product.certification.level}`)}</dd>
            <dt>{t("certification.number")}</dt>
            <dd lang="zh-CN">{product.certification.number}</dd>
            <dt>{t("certification.issuedOn")}</dt>
            <dd>{product.certification.issuedOn}</dd>
            <dt>{t("certification.validUntil")}</dt>
            <dd>{product.certification.validUntil}</dd>
            <dt>{t("certification.value")}</dt>
            <dd>
              <MoneyLarge fen={product.certification.valueFen} language={language} />
            </dd>
            <dt>{t("certification.peopleLifted")}</dt>
            <dd>{t("product.people", { count: product.certification.peopleLifted })}</dd>
          </dl>
        </section>
      </div>

      {related.length > 0 ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{t("product.related")}</h2>
          <ProductGrid products={related} eagerCount={0} />
        </section>
      ) : null}
    </main>
  );
}
