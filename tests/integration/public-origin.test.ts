/**
 * Every link the app mails is built from PUBLIC_ORIGIN, never from the
 * request: a reset requested with `Host: attacker.example` (or
 * X-Forwarded-Host) still mails a link to the real site.
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { outbox, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

process.env.PUBLIC_ORIGIN = "https://xf.example.cn";
const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db } = seeded;
afterAll(() => seeded.sqlite.close());

const lastMailTo = (email: string) =>
  db.select().from(outbox).where(eq(outbox.toEmail, email)).orderBy(desc(outbox.id)).get();

describe("links in mail", () => {
  it("a password reset link ignores Host and X-Forwarded-Host", async () => {
    const { action } = await import("~/routes/_auth.forgot-password");
    const email = "unit@example.com";
    const request = new Request("http://attacker.example/forgot-password", {
      method: "POST",
      headers: {
        Host: "attacker.example",
        "X-Forwarded-Host": "attacker.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ email }),
    });
    const response = (await action({
      request,
      params: {},
      context: { clientIp: "198.51.100.20" },
    })) as Response;
    expect(response.status).toBe(200);
    const mail = lastMailTo(email)!;
    expect(mail.body).toMatch(/https:\/\/xf\.example\.cn\/reset-password\?token=[\w-]{40,}/);
    expect(mail.body).not.toContain("attacker.example");
  });

  it("notices link to the order on the configured origin", async () => {
    const { notify } = await import("~/models/notifications.server");
    const seller = db.select().from(users).where(eq(users.email, "coop@example.com")).get()!;
    const { memberships } = await import("../../db/schema");
    const orgId = db.select().from(memberships).where(eq(memberships.userId, seller.id)).get()!
      .orgId;
    notify(db, [orgId], {
      key: "notices.orderShipped",
      values: { number: "FD1", id: 42, note: "", total: 100 },
      link: "/orders/42",
    });
    expect(lastMailTo("coop@example.com")!.body).toContain("https://xf.example.cn/orders/42");
  });
});
