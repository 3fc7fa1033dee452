import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { loadOwnProduct } from "~/utils/seller-product.server";
import { uploadProductPhotos } from "~/utils/photo-upload.server";

/**
 * The photo upload as plain JSON, for the page's script: it sends by
 * XMLHttpRequest so it can show how much has gone. Without JavaScript the
 * page's own form posts the same upload to the page.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t, product, sellerId, actor } = await loadOwnProduct(request, params, context);
  const { status, data } = await uploadProductPhotos(db, request, {
    sellerId,
    product: { id: product.id, status: product.status, photoCount: product.images.length },
    actor,
    t,
  });
  return Response.json(data, { status });
}
