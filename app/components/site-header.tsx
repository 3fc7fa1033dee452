import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { languages, type Language } from "~/i18n/config";

/**
 * The header on every page. The language switch is a plain form posting to
 * /language, so it works without JavaScript and reloads the whole page in the
 * new language.
 */
export function SiteHeader({ language, returnTo }: { language: Language; returnTo: string }) {
  const t = useT();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("site.skipToContent")}
      </a>
      <div className="site-header-inner">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">
            扶
          </span>
          <span className="brand-name">{t("site.name")}</span>
        </a>
        <nav aria-label={t("nav.label")} className="site-nav">
          <NavLink to="/" end>
            {t("nav.home")}
          </NavLink>
          <NavLink to="/products">{t("nav.products")}</NavLink>
          <NavLink to="/counties">{t("nav.counties")}</NavLink>
          <NavLink to="/about">{t("nav.about")}</NavLink>
        </nav>
        <form method="get" action="/products" role="search" className="header-search">
          <label htmlFor="site-search" className="visually-hidden">
            {t("search.label")}
          </label>
          <input
            id="site-search"
            type="search"
            name="q"
            maxLength={100}
            placeholder={t("search.placeholder")}
          />
          <button type="submit">{t("search.submit")}</button>
        </form>
        <form method="post" action="/language" className="language-switch">
          <input type="hidden" name="returnTo" value={returnTo} />
          <span className="visually-hidden" id="language-switch-label">
            {t("language.label")}
          </span>
          <div role="group" aria-labelledby="language-switch-label">
            {languages.map((code) => (
              <button
                key={code}
                type="submit"
                name="language"
                value={code}
                lang={code}
                aria-pressed={code === language}
              >
                {t(`language.names.${code}`)}
              </button>
            ))}
          </div>
        </form>
      </div>
    </header>
  );
}
