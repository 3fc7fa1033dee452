import type { ActionFunctionArgs } from "@remix-run/node";
import { attachCertificationFromRequest } from "~/utils/certification-upload.server";
import { loadOwnProduct } from "~/utils/seller-product.server";

/**
 * The certification upload as JSON, for the page's script, which sends it by
 * XMLHttpRequest to show how much of the scan has gone. Without JavaScript
 * the page's own form posts the same upload to the page.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const owned = await loadOwnProduct(request, params, context);
  const { status, data } = await attachCertificationFromRequest(request, owned);
  return Response.json(data, { status });
}
