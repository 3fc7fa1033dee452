import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { env } from "~/env.server";
import { getTranslator } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listOutbox } from "~/models/outbox.server";
import { pageMeta } from "~/utils/meta";

/** The outbox, for development and demos without a mail server (DEV_MAILBOX=true). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  if (!env.DEV_MAILBOX) throw new Response(t("error.notFoundTitle"), { status: 404 });
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase() || undefined;
  return {
    title: `${t("mailbox.title")} · ${t("site.name")}`,
    description: t("descriptions.mailbox"),
    to: to ?? "",
    mails: listOutbox(db, to).map((mail) => ({
      id: mail.id,
      to: mail.toEmail,
      subject: mail.subject,
      body: mail.body,
      at: mail.createdAt.toISOString(),
      shown: formatDateTime(mail.createdAt, language),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Mailbox() {
  const { mails, to } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page narrow">
      <h1>{t("mailbox.title")}</h1>
      <p className="hint">{t("mailbox.lead")}</p>
      <form method="get" className="inline-form">
        <label htmlFor="mailbox-to">{t("mailbox.to")}</label>
        <input id="mailbox-to" name="to" type="email" defaultValue={to} />
        <button type="submit">{t("mailbox.filter")}</button>
      </form>
      {mails.length === 0 ? <p>{t("mailbox.empty")}</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="panel mail">
          <h2>{mail.subject}</h2>
          <p className="hint">
            {t("mailbox.to")}: {mail.to} · <time dateTime={mail.at}>{mail.shown}</time>
          </p>
          <pre className="mail-body">{mail.body}</pre>
        </article>
      ))}
    </main>
  );
}
