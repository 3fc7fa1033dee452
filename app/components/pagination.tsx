import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Page links that keep every other query parameter; plain links, so no JS is needed. */
export function Pagination({
  page,
  pageCount,
  search,
  basePath,
}: {
  page: number;
  pageCount: number;
  search: string;
  basePath: string;
}) {
  const t = useT();
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(search);
    if (target === 1) params.delete("page");
    else params.set("page", String(target));
    const query = params.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  const pages = new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount]);
  const shown = [...pages].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      {shown.map((p, i) => (
        <span key={p}>
          {i > 0 && p - (shown[i - 1] ?? p) > 1 ? <span aria-hidden="true">… </span> : null}
          {p === page ? (
            <Link to={href(p)} aria-current="page">
              <span className="visually-hidden">{t("pagination.page")} </span>
              {p}
            </Link>
          ) : (
            <Link to={href(p)}>
              <span className="visually-hidden">{t("pagination.page")} </span>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
