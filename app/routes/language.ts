import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { languages } from "~/i18n/config";
import { getTranslator, languageCookie } from "~/i18n/i18n.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { readFormData } from "~/utils/form-data.server";

const schema = z.object({
  language: z.enum(languages),
  returnTo: z.string().max(2000).optional(),
});

/** Keeps the visitor's language choice in a cookie and returns to the page they were on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = schema.safeParse(form);
  const to = safeRedirect(typeof form.returnTo === "string" ? form.returnTo : null);
  if (!parsed.success) {
    const { t } = await getTranslator(request);
    return new Response(t("language.invalid"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.language) },
  });
}

export function loader() {
  return redirect("/");
}
