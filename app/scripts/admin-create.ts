/**
 * `npm run admin:create -- --email li@example.gov.cn --name 李四`
 * Creates an office administrator on DATABASE_PATH and prints a one-time link
 * (valid 24 hours, built from PUBLIC_ORIGIN) where they set their password.
 * On a database with no office organisation yet, also pass
 * `--office-name 福州市消费扶贫协调办公室 --office-credit-code <18-character code>`
 * (and optionally `--office-name-en`).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { absoluteUrl, env } from "../env.server";
import { createOfficeAdmin, SET_PASSWORD_LINK_MS } from "../models/office-admin.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    "office-name": { type: "string" },
    "office-name-en": { type: "string" },
    "office-credit-code": { type: "string" },
  },
});

if (!values.email || !values.name) {
  console.error(
    "usage: npm run admin:create -- --email <email> --name <name> [--office-name <名称> --office-credit-code <统一社会信用代码> --office-name-en <name>]",
  );
  process.exit(2);
}

const database = openDatabase(env.DATABASE_PATH);
const result = await createOfficeAdmin(database.db, {
  email: values.email,
  name: values.name,
  office:
    values["office-name"] && values["office-credit-code"]
      ? {
          nameZh: values["office-name"],
          nameEn: values["office-name-en"] ?? "",
          creditCode: values["office-credit-code"],
        }
      : undefined,
});
database.sqlite.close();

const reasons = {
  bad_email: "that is not an e-mail address",
  bad_name: "give a name of 1 to 100 characters",
  email_taken: "an account with that e-mail already exists",
  office_needed:
    "the database has no office organisation yet: pass --office-name and --office-credit-code",
  bad_credit_code: "the office's unified social credit code is not valid (GB 32100)",
} as const;

if (!result.ok) {
  console.error(`not created: ${reasons[result.reason]}`);
  process.exit(1);
}
if (!env.PUBLIC_ORIGIN)
  console.warn("PUBLIC_ORIGIN is not set: the link below points at this machine.");
console.log(`database:   ${env.DATABASE_PATH}`);
console.log(`created:    office administrator ${values.email} (user ${result.userId})`);
if (result.createdOrganisation) console.log(`office:     organisation ${result.orgId} created`);
console.log(
  `set password (one time, valid ${SET_PASSWORD_LINK_MS / 3_600_000} hours): ${absoluteUrl(`/reset-password?token=${result.token}`)}`,
);
