/**
 * Mail to the people of an organisation about something that happened to it
 * (a certification decided, later an order). Written to the outbox in the
 * caller's transaction, in Chinese then English, since the reader's language
 * is not known when the mail is written.
 */
import { and, eq } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { memberships, notifications, users } from "../../db/schema";
import { absoluteUrl } from "~/env.server";
import { i18nFor } from "~/i18n/i18n.server";
import { queueEmail } from "./outbox.server";

export function notifyOrganisation(
  db: DbLike,
  orgId: number,
  message: { key: string; values?: Record<string, unknown>; link?: string },
): number {
  const zh = i18nFor("zh-CN").getFixedT("zh-CN");
  const en = i18nFor("en").getFixedT("en");
  // Links in mail are absolute, built from PUBLIC_ORIGIN, never from a request.
  const values = { ...message.values, url: message.link ? absoluteUrl(message.link) : "" };
  const subject = `${zh(`${message.key}.subject`, values)} / ${en(`${message.key}.subject`, values)}`;
  const body = `${zh(`${message.key}.body`, values)}\n\n${en(`${message.key}.body`, values)}`;
  const recipients = db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.status, "approved"),
        eq(users.status, "active"),
      ),
    )
    .all();
  for (const { email } of recipients) queueEmail(db, { to: email, subject, body });
  return recipients.length;
}

/**
 * Tells an organisation's people about a step: a line in their in-app list
 * (rendered from `key`.subject in the reader's language) and a mail.
 */
export function notify(
  db: DbLike,
  orgIds: readonly number[],
  message: { key: string; values: Record<string, string | number>; link: string },
  now = new Date(),
): void {
  for (const orgId of new Set(orgIds)) {
    db.insert(notifications)
      .values({
        orgId,
        key: message.key,
        values: message.values,
        link: message.link,
        createdAt: now,
      })
      .run();
    notifyOrganisation(db, orgId, message);
  }
}
