import { z } from "zod";

/**
 * The environment, checked once at boot: a wrong value stops the server with a
 * message naming the variable, instead of failing later in a request.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
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
