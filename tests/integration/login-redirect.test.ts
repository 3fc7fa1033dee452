/**
 * Signing in with a redirect target that is not Latin-1 (`/订单`): the
 * Location header carries it percent-encoded, so the person lands there
 * instead of a 500 answered after their session was created.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "~/auth/session.server";
import { sessions, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

// The route opens DATABASE_PATH itself: seed that very file.
const seeded = freshDatabase({ file: process.env.DATABASE_PATH, demo: true });
afterAll(() => seeded.sqlite.close());

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
let login: { loader: Handler; action: Handler };
beforeAll(async () => {
  login = (await import("~/routes/_auth.login")) as unknown as typeof login;
});

const unitId = () =>
  seeded.db.select().from(users).where(eq(users.email, "unit@example.com")).get()!.id;
const sessionCount = () =>
  seeded.db.select().from(sessions).where(eq(sessions.userId, unitId())).all().length;

async function signIn(redirectTo: string): Promise<Response> {
  const body = new URLSearchParams({
    email: "unit@example.com",
    password: "demo-password",
    redirectTo,
  });
  const request = new Request("http://localhost/login", { method: "POST", body });
  return (await login.action({
    request,
    params: {},
    context: { clientIp: "10.20.30.40" },
  })) as Response;
}

describe("signing in with a Chinese redirect target", () => {
  it("answers 303 to the percent-encoded path, with the new session's cookie", async () => {
    const before = sessionCount();
    const response = await signIn("/订单");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/%E8%AE%A2%E5%8D%95");
    expect(await sessionCookie.parse(response.headers.get("Set-Cookie"))).toMatch(/\S{20,}/);
    expect(sessionCount()).toBe(before + 1);
  });

  it("keeps the query of the target, encoded the same way", async () => {
    const response = await signIn("/products?q=当归");
    expect(response.headers.get("Location")).toBe("/products?q=%E5%BD%93%E5%BD%92");
  });

  it("still sends a foreign target to the person's own area", async () => {
    const response = await signIn("https://evil.example/订单");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/buyer");
  });

  it("the sign-in page hands the encoded target to its form, and redirects one signed in", async () => {
    const page = (await login.loader({
      request: new Request(`http://localhost/login?redirectTo=${encodeURIComponent("/订单")}`),
      params: {},
      context: {},
    })) as { redirectTo: string };
    expect(page.redirectTo).toBe("/%E8%AE%A2%E5%8D%95");

    const cookie = (await signIn("/")).headers.get("Set-Cookie")!.split(";")[0]!;
    try {
      await login.loader({
        request: new Request(`http://localhost/login?redirectTo=${encodeURIComponent("/订单")}`, {
          headers: { Cookie: cookie },
        }),
        params: {},
        context: {},
      });
      throw new Error("expected a redirect");
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      expect(thrown.status).toBe(302);
      expect(thrown.headers.get("Location")).toBe("/%E8%AE%A2%E5%8D%95");
    }
  });
});
