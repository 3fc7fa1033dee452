import { Link } from "@remix-run/react";
import type { Language } from "~/i18n/config";
import { localise, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import type { CountySummary } from "~/models/catalog.server";

export interface CountyView {
  code: string;
  name: string;
  summary: string;
  productCount: number;
  partners: string[];
}

export function toCountyView(county: CountySummary, language: Language): CountyView {
  return {
    code: county.code,
    name: localName(language, county),
    summary: localise(language, county.summaryZh, county.summaryEn),
    productCount: county.productCount,
    partners: county.pairedJurisdictions.map((j) => localName(language, j)),
  };
}

/** Dingxi's counties as cards: what each grows, how many products, its Fuzhou partner. */
export function CountyGrid({ counties }: { counties: CountyView[] }) {
  const t = useT();
  return (
    <ul className="county-grid">
      {counties.map((county) => (
        <li key={county.code}>
          <Link to={`/counties/${county.code}`}>
            <span className="county-name">{county.name}</span>
            <span className="county-summary">{county.summary}</span>
            <span className="county-meta">
              {t("county.productCount", { count: county.productCount })}
              {" · "}
              {county.partners.length > 0
                ? t("county.pairedWith", { partners: county.partners.join(t("list.separator")) })
                : t("county.unpaired")}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
