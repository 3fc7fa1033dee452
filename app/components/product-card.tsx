import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { Language } from "~/i18n/config";
import { localName } from "~/i18n/localise";
import type { ProductCard as ProductCardData } from "~/models/catalog.server";
import { Money } from "./money";

/** What a card shows, already in the page's language (loaders send only that). */
export interface ProductCardView {
  id: number;
  name: string;
  priceFen: number;
  lowestPriceFen: number;
  minOrderQty: number;
  unitCode: string;
  countyName: string;
  sellerName: string;
  thumbSrc: string | null;
}

export function toCardView(card: ProductCardData, language: Language): ProductCardView {
  return {
    id: card.id,
    name: localName(language, card),
    priceFen: card.priceFen,
    lowestPriceFen: card.lowestPriceFen,
    minOrderQty: card.minOrderQty,
    unitCode: card.unit.code,
    countyName: localName(language, card.county),
    sellerName: language === "en" && card.sellerNameEn ? card.sellerNameEn : card.sellerNameZh,
    thumbSrc: card.thumbSrc,
  };
}

export function ProductCard({
  product,
  eager = false,
}: {
  product: ProductCardView;
  eager?: boolean;
}) {
  const t = useT();
  return (
    <li className="product-card">
      <Link to={`/products/${product.id}`} prefetch="intent">
        {product.thumbSrc ? (
          <img
            src={product.thumbSrc}
            alt=""
            width={400}
            height={300}
            loading={eager ? "eager" : "lazy"}
            decoding="async"
          />
        ) : (
          <span className="no-image" aria-hidden="true" />
        )}
        <span className="product-card-body">
          <span className="product-name">{product.name}</span>
          <span className="product-origin">
            {product.countyName} · {product.sellerName}
          </span>
          <span className="product-price">
            <Money fen={product.priceFen} />
            <span className="per-unit">
              {t("product.perUnit", { unit: t(`units.${product.unitCode}`, { count: 1 }) })}
            </span>
          </span>
          <span className="product-terms">
            {t("product.minOrder", {
              count: product.minOrderQty,
              unit: t(`units.${product.unitCode}`, { count: product.minOrderQty }),
            })}
            {product.lowestPriceFen < product.priceFen ? (
              <>
                {" · "}
                {t("product.tiersFrom")} <Money fen={product.lowestPriceFen} />
              </>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  );
}

export function ProductGrid({
  products,
  eagerCount = 4,
}: {
  products: ProductCardView[];
  eagerCount?: number;
}) {
  return (
    <ul className="product-grid">
      {products.map((product, i) => (
        <ProductCard key={product.id} product={product} eager={i < eagerCount} />
      ))}
    </ul>
  );
}
