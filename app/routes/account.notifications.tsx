import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { Pagination } from "~/components/pagination";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { formValues } from "~/domain/forms";
import { markNoticesReadSchema } from "~/domain/notice-forms";
import { pageParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listNotices, markAllRead, unreadCount } from "~/models/notices.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

/** What happened to the acting organisation's orders, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { language, t } = await getTranslator(request);
  const url = new URL(request.url);
  const acting = current.acting;
  const result = acting
    ? listNotices(db, acting.orgId, pageParam.parse(url.searchParams.get("page")))
    : { rows: [], total: 0, page: 1, pageCount: 1 };
  return {
    title: `${t("notices.title")} · ${t("site.name")}`,
    description: t("descriptions.notifications"),
    orgName: acting ? actingName(language, acting) : null,
    marked: url.searchParams.has("marked"),
    total: result.total,
    unread: acting ? unreadCount(db, acting.orgId) : 0,
    page: result.page,
    pageCount: result.pageCount,
    newestId: result.rows[0]?.id ?? null,
    // Rendered here, in the reader's language, from the key and values the event left.
    notices: result.rows.map((row) => ({
      id: row.id,
      text: t(`${row.key}.subject`, row.values),
      at: formatDateTime(row.createdAt, language),
      iso: row.createdAt.toISOString(),
      link: safeRedirect(row.link, ""),
      unread: row.readAt === null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const { t } = await getTranslator(request);
  const parsed = markNoticesReadSchema.safeParse(formValues(await readFormData(request)));
  if (!parsed.success) throw new Response(t("notices.badRequest"), { status: 400 });
  if (!current.acting) throw new Response(t("auth.forbidden"), { status: 403 });
  markAllRead(db, current.acting.orgId, { upToId: parsed.data.upTo });
  return redirect("/account/notifications?marked=1", 303);
}

export default function Notifications() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <main id="main" className="page narrow">
      <h1>{t("notices.title")}</h1>
      {data.orgName ? <p className="lead">{data.orgName}</p> : null}
      {data.marked ? (
        <p className="form-success" role="status">
          {t("notices.marked")}
        </p>
      ) : null}
      {data.orgName === null ? (
        <p className="empty">{t("notices.noOrganisation")}</p>
      ) : data.total === 0 ? (
        <p className="empty">{t("notices.none")}</p>
      ) : (
        <>
          <p>{t("notices.count", { count: data.total, unread: data.unread })}</p>
          {data.unread > 0 && data.newestId !== null ? (
            <Form method="post">
              <input type="hidden" name="upTo" value={data.newestId} />
              <button type="submit" name="intent" value="mark-all-read">
                {t("notices.markAllRead")}
              </button>
            </Form>
          ) : null}
          <ul className="notice-list">
            {data.notices.map((notice) => (
              <li key={notice.id} className={notice.unread ? "notice-unread" : undefined}>
                {notice.unread ? (
                  <>
                    <span className="badge">{t("notices.unread")}</span>{" "}
                  </>
                ) : null}
                {notice.link ? <a href={notice.link}>{notice.text}</a> : notice.text}{" "}
                <time className="hint" dateTime={notice.iso}>
                  {notice.at}
                </time>
              </li>
            ))}
          </ul>
          <Pagination
            page={data.page}
            pageCount={data.pageCount}
            search={location.search}
            basePath="/account/notifications"
          />
        </>
      )}
    </main>
  );
}
