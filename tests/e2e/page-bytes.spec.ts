/**
 * Every page a person can reach, in both languages, is valid UTF-8 without a
 * single U+0000 (React 18.3's Node renderer used to pad Chinese pages with
 * them). For each role the crawler follows the links of the pages it sees,
 * from the area's home, and reads the raw bytes the server sends.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "./auth";

/** Pages per role and language: enough to reach every kind of page the role has. */
const BUDGET = 90;

/** Links the crawler does not follow: actions, downloads, files and the dev mailbox. */
const SKIP = [
  /^\/logout/,
  /^\/language/,
  /^\/dev\//,
  /^\/assets\//,
  /^\/media\//,
  /^\/locales\//,
  /\/files\//,
  /\/document$/,
  /\/evidence$/,
  /\.(csv|xlsx|pdf|svg|png|jpe?g|webp|ico|css|js|txt|xml|webmanifest)(\?|$)/,
  /\/pay$/,
];

const ROLES: Array<{ email: string | null; start: string[] }> = [
  { email: null, start: ["/", "/products", "/progress", "/about", "/login", "/complaints/new"] },
  { email: "unit@example.com", start: ["/buyer", "/account"] },
  { email: "approver@example.com", start: ["/buyer"] },
  { email: "union@example.com", start: ["/buyer"] },
  { email: "coop@example.com", start: ["/seller", "/account"] },
  { email: "office@example.com", start: ["/office"] },
];

async function sessionCookie(request: APIRequestContext, baseURL: string, email: string) {
  const response = await request.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status(), `${email} signs in`).toBe(303);
  const cookie = /(__Host-)?session=[^;]+/.exec(response.headers()["set-cookie"] ?? "")?.[0];
  expect(cookie).toBeTruthy();
  return cookie!;
}

function decodeStrictly(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The kind of page a path is: numbers and codes as ":id", the query dropped. */
function shapeOf(path: string): string {
  return (path.split("?")[0] ?? "").replace(/\/\d+(?=\/|$)/g, "/:id");
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"#]+)/g)].map((m) =>
    (m[1] ?? "").replaceAll("&amp;", "&"),
  );
}

for (const role of ROLES) {
  for (const language of ["zh-CN", "en"]) {
    test(`every page ${role.email ?? "a visitor"} reaches in ${language} is clean UTF-8`, async ({
      request,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const headers: Record<string, string> = { "Accept-Language": language };
      if (role.email) headers.Cookie = await sessionCookie(request, baseURL!, role.email);
      // New kinds of page first, so the budget reaches every kind the role has.
      const fresh = [...role.start];
      const again: string[] = [];
      const seen = new Set(fresh);
      const shapes = new Set(fresh.map(shapeOf));
      const problems: string[] = [];
      let pages = 0;
      while ((fresh.length > 0 || again.length > 0) && pages < BUDGET) {
        const path = (fresh.length > 0 ? fresh : again).shift()!;
        const response = await request.get(path, { headers, maxRedirects: 0 });
        if (response.status() >= 300 && response.status() < 400) continue;
        pages += 1;
        expect(response.status(), path).toBeLessThan(500);
        const type = response.headers()["content-type"] ?? "";
        if (!/^text\/html|json/.test(type)) continue;
        const bytes = await response.body();
        const nul = bytes.indexOf(0);
        if (nul !== -1) problems.push(`${path}: U+0000 at byte ${nul}`);
        const text = decodeStrictly(bytes);
        if (text === null) {
          problems.push(`${path}: invalid UTF-8`);
          continue;
        }
        for (const link of linksOf(text)) {
          if (!link.startsWith("/") || link.startsWith("//")) continue;
          if (SKIP.some((pattern) => pattern.test(link)) || seen.has(link)) continue;
          seen.add(link);
          const shape = shapeOf(link);
          if (shapes.has(shape)) again.push(link);
          else {
            shapes.add(shape);
            fresh.push(link);
          }
        }
      }
      console.log(
        `${role.email ?? "visitor"} ${language}: ${pages} pages, ${shapes.size} kinds: ${[...shapes].join(" ")}`,
      );
      expect(problems).toEqual([]);
      // The crawl really went through the role's pages, not just a login screen.
      expect(pages).toBeGreaterThanOrEqual(role.email ? 8 : 20);
    });
  }
}
