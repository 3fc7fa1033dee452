import { z } from "zod";

/**
 * The environment, checked once at boot: a wrong value stops the server with a
 * message naming the variable, instead of failing later in a request.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * The address the server binds. Loopback by default: a server reachable
   * from other machines is a deployment, which the boot checks hold to a
   * higher standard (see `deploymentProblems`).
   */
  HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * The one origin (scheme, host and port) every link the app mails or shows
   * is built from, e.g. https://xiaofei.fuzhou.gov.cn. Never taken from a
   * request's Host or X-Forwarded-Host. Required in production.
   */
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .optional()
    .refine((value) => value === undefined || new URL(value).origin === value.replace(/\/$/, ""), {
      message: "an origin only: scheme, host and port, with no path, query or fragment",
    })
    .transform((value) => (value === undefined ? undefined : new URL(value).origin)),
  /**
   * Opt-in for a public demonstration site: the demo accounts and the dev
   * mailbox may then run on a public origin, and every page says it is a demo.
   */
  PUBLIC_DEMO: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((value) => value === "true" || value === "1"),
  /** Behind a reverse proxy: how many proxies to trust for the client's address (see README). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  /** Where `npm run db:backup` and the server's scheduled backups write their copies. */
  BACKUP_DIR: z.string().min(1).default("data/backups"),
  /** Minutes between the running server's backups; 0 turns them off. Hourly by default. */
  BACKUP_EVERY_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** How many of the newest backups the server keeps (two days of hourly copies). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(48),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  /**
   * Test only: where the Stripe SDK sends its API requests (e.g. a fake
   * Stripe at http://127.0.0.1:3311 in `npm run test:crash`). Unset in
   * production, where the SDK talks to api.stripe.com.
   */
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Shows /dev/mailbox, the outbox of mail we would send (no mail server
   * exists here). It reveals reset links, so it is off unless asked for.
   */
  DEV_MAILBOX: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((value) => value === "true" || value === "1"),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid environment variables:\n${problems}`);
  }
  return result.data;
}

export const env = parseEnv(process.env);

/**
 * The origin every link the app mails or shows is built from: PUBLIC_ORIGIN,
 * or (outside production, where the server refuses to start without it) this
 * machine on its port. Never a request's Host header.
 */
export function publicOrigin(source: Pick<Env, "PUBLIC_ORIGIN" | "PORT"> = env): string {
  return source.PUBLIC_ORIGIN ?? `http://localhost:${source.PORT}`;
}

/** An absolute link to a path of this site, e.g. `/reset-password?token=…`. */
export function absoluteUrl(path: string, source?: Pick<Env, "PUBLIC_ORIGIN" | "PORT">): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`not a site path: ${path}`);
  return `${publicOrigin(source)}${path}`;
}
