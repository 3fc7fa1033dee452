/**
 * Safe by construction: checks made once at boot, before the server listens.
 * A production server needs its public origin (every mailed link is built
 * from it). A server deployed for real (a public origin or a bind address
 * that is not this machine) must not run with the demo's known passwords or
 * with the dev mailbox (which shows every reset link), unless the operator
 * explicitly runs a public demonstration site (PUBLIC_DEMO=true), in which
 * case every page says it is a demo. Each problem names its fix.
 */
import Database from "better-sqlite3";

export interface DeploymentFacts {
  nodeEnv: string;
  publicOrigin: string | undefined;
  host: string;
  publicDemo: boolean;
  devMailbox: boolean;
  /** Accounts the demo seed created (users.is_demo), whose password is published. */
  demoAccounts: number;
}

/** Whether a host name or address means this machine only. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    /^127(\.\d{1,3}){3}$/.test(name)
  );
}

/** Deployed for real: reachable by others, by its public origin or by the address it binds. */
export function isPublicDeployment(facts: Pick<DeploymentFacts, "publicOrigin" | "host">): boolean {
  const originHost = facts.publicOrigin ? new URL(facts.publicOrigin).hostname : "localhost";
  return !isLoopback(originHost) || !isLoopback(facts.host);
}

export function deploymentProblems(facts: DeploymentFacts): string[] {
  const problems: string[] = [];
  if (facts.nodeEnv === "production" && !facts.publicOrigin)
    problems.push(
      "PUBLIC_ORIGIN is not set. Set it to the origin people use to reach the site, e.g. PUBLIC_ORIGIN=https://xiaofei.example.gov.cn: every link the app mails (password resets, notices) is built from it, never from a request's Host header.",
    );
  if (!isPublicDeployment(facts) || facts.publicDemo) return problems;
  const where = `PUBLIC_ORIGIN=${facts.publicOrigin ?? "(unset)"}, HOST=${facts.host}`;
  if (facts.demoAccounts > 0)
    problems.push(
      `This server is deployed for real (${where}) but its database holds ${facts.demoAccounts} demo accounts whose password is published (demo-password). Start from a new database with reference data only (SEED_DEMO=false npm run db:seed), create the first office administrator with npm run admin:create, then npm run serve. To run a public demonstration site on purpose, set PUBLIC_DEMO=true (every page then says it is a demo).`,
    );
  if (facts.devMailbox)
    problems.push(
      `This server is deployed for real (${where}) with DEV_MAILBOX on, which shows every mail, password reset links included, at /dev/mailbox. Remove DEV_MAILBOX (or set PUBLIC_DEMO=true for a public demonstration site).`,
    );
  return problems;
}

/** How many demo accounts the database file holds (0 when it has no users table yet). */
export function countDemoAccounts(databasePath: string): number {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare("select count(*) as n from users where is_demo = 1").get() as {
      n: number;
    };
    return row.n;
  } catch {
    return 0;
  } finally {
    sqlite.close();
  }
}
