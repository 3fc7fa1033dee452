import { desc, eq } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { outbox } from "../../db/schema";

/**
 * Mail is written to the outbox table; there is no mail server here, so the
 * dev mailbox page shows it. A mail relay would send and mark `sentAt`.
 */
export function queueEmail(db: DbLike, mail: { to: string; subject: string; body: string }): void {
  db.insert(outbox).values({ toEmail: mail.to, subject: mail.subject, body: mail.body }).run();
}

export function listOutbox(db: DbLike, to?: string) {
  const query = db.select().from(outbox);
  return (to ? query.where(eq(outbox.toEmail, to)) : query)
    .orderBy(desc(outbox.id))
    .limit(100)
    .all();
}
