import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useT } from "~/i18n/use-t";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { db, sqlite } from "~/db.server";
import { defaultLanguage, isLanguage } from "~/i18n/config";
import { getCurrentUser } from "~/auth/session.server";
import { areaOfSide } from "~/domain/permissions";
import { cartCount } from "~/models/cart.server";
import { unreadCount } from "~/models/notices.server";
import { can, isActive } from "~/models/organisations.server";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { hasDemoProducts } from "~/models/site.server";
import { env } from "~/env.server";
import appCss from "~/styles/app.css?url";
import { pageMeta } from "~/utils/meta";
import { requestFailureOf } from "~/utils/request-failure";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const current = await getCurrentUser(request);
  const acting = current?.acting;
  return {
    language,
    viewer: current
      ? {
          name: current.user.name,
          orgName: acting ? localise(language, acting.orgNameZh, acting.orgNameEn) : null,
          area: acting ? areaOfSide(acting.side) : null,
          actingOrgId: acting?.orgId ?? null,
          cartCount:
            acting && can(acting, "create:order:own-org") ? cartCount(db, acting.orgId) : null,
          unread: acting ? unreadCount(db, acting.orgId) : 0,
          organisations: current.memberships
            .filter(isActive)
            .map((m) => ({ orgId: m.orgId, name: localise(language, m.orgNameZh, m.orgNameEn) })),
        }
      : null,
    demo: hasDemoProducts(sqlite),
    // A public demonstration site (PUBLIC_DEMO=true) says so at the top of every page.
    publicDemo: env.PUBLIC_DEMO,
    titles: {
      notFound: `${t("error.notFoundTitle")} · ${t("site.name")}`,
      forbidden: `${t("error.forbiddenTitle")} · ${t("site.name")}`,
      error: `${t("error.title")} · ${t("site.name")}`,
    },
  };
}

/** A failed request's page is titled by the failure (the root loader may not have run). */
export const meta: MetaFunction<typeof loader> = (args) => {
  const failure = requestFailureOf(args.error);
  return failure ? [{ title: failure.title }] : pageMeta(args);
};

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // Without root data (an action failed at the root boundary), the language the page is rendered in.
  const { i18n } = useTranslation();
  const language = data?.language ?? (isLanguage(i18n.language) ? i18n.language : defaultLanguage);
  const location = useLocation();
  const t = useT();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#8c1d18" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader
          language={language}
          returnTo={location.pathname + location.search}
          viewer={data?.viewer ?? null}
        />
        {data?.publicDemo ? (
          <p className="demo-banner" role="note">
            <strong>{t("site.demoBannerLabel")}</strong> {t("site.demoBanner")}
          </p>
        ) : null}
        {children}
        <SiteFooter demo={data?.demo ?? false} />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // On the server, errors are logged with their request id (handleError, the route guard).
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  const kind =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 503
          ? "unavailable"
          : "other";
  const title = {
    notFound: t("error.notFoundTitle"),
    forbidden: t("error.forbiddenTitle"),
    unavailable: t("ops.unavailableTitle"),
    other: t("error.title"),
  }[kind];
  // Set when the server logged the failure: the person can quote the id.
  const failure = requestFailureOf(error);
  // Our own thrown responses carry a translated message as their body.
  const message =
    isRouteErrorResponse(error) && typeof error.data === "string" && error.data && kind !== "other"
      ? error.data
      : kind === "notFound"
        ? t("error.notFoundBody")
        : kind === "unavailable"
          ? t("ops.unavailableBody")
          : t("error.body");
  return (
    <main id="main" className="page narrow">
      <h1>{title}</h1>
      <p>{kind === "notFound" ? t("error.notFoundBody") : message}</p>
      {failure ? (
        <p className="hint">
          {t("ops.reference")} <code>{failure.requestId}</code>
        </p>
      ) : null}
      <p>
        <a href="/">{t("error.home")}</a> · <a href="/products">{t("error.catalog")}</a>
      </p>
    </main>
  );
}
