import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { languages, type Language } from "~/i18n/config";

/**
 * The header on every page. The language switch is a plain form posting to
 * /language, so it works without JavaScript and reloads the whole page in the
 * new language.
 */
export interface Viewer {
  name: string;
  orgName: string | null;
  area: string | null;
  actingOrgId: number | null;
  /** Products in the acting buyer's cart; null for people who do not buy. */
  cartCount: number | null;
  unread: number;
  organisations: { orgId: number; name: string }[];
}

export function SiteHeader({
  language,
  returnTo,
  viewer,
}: {
  language: Language;
  returnTo: string;
  viewer: Viewer | null;
}) {
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
          <NavLink to="/progress">{t("nav.progress")}</NavLink>
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
        <div className="user-menu">
          {viewer ? (
            <>
              <span>
                {viewer.name}
                {viewer.orgName ? ` · ${viewer.orgName}` : ""}
              </span>
              {viewer.organisations.length > 1 ? (
                <form method="post" action="/account" className="inline-form org-switch">
                  <input type="hidden" name="intent" value="switch" />
                  <label htmlFor="org-switch" className="visually-hidden">
                    {t("nav.actFor")}
                  </label>
                  <select
                    id="org-switch"
                    name="orgId"
                    defaultValue={viewer.actingOrgId ?? undefined}
                  >
                    {viewer.organisations.map((org) => (
                      <option key={org.orgId} value={org.orgId}>
                        {org.name}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t("nav.switch")}</button>
                </form>
              ) : null}
              {viewer.area ? <NavLink to={viewer.area}>{t("nav.workspace")}</NavLink> : null}
              {viewer.cartCount !== null ? (
                <NavLink to="/buyer/cart">{t("nav.cart", { count: viewer.cartCount })}</NavLink>
              ) : null}
              {viewer.actingOrgId !== null ? (
                <NavLink to="/account/notifications">
                  {viewer.unread > 0
                    ? t("nav.noticesUnread", { count: viewer.unread })
                    : t("nav.notices")}
                </NavLink>
              ) : null}
              <NavLink to="/account">{t("nav.account")}</NavLink>
              <form method="post" action="/logout">
                <button type="submit" className="link">
                  {t("nav.logout")}
                </button>
              </form>
            </>
          ) : (
            <>
              <NavLink to="/login">{t("nav.login")}</NavLink>
              <NavLink to="/signup">{t("nav.signup")}</NavLink>
            </>
          )}
        </div>
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
