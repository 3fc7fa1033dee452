import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/i18n/i18n.server";

/** Any unknown address is a real 404 page, rendered by the root error boundary. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  throw new Response(t("error.notFoundTitle"), { status: 404 });
}

export default function NotFound() {
  return null;
}
