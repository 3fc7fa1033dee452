import type { LoaderFunctionArgs } from "@remix-run/node";
import { existsSync, readFileSync } from "node:fs";
import { requireUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { orderParties, viewerOf } from "~/models/order-access.server";
import { getOrder } from "~/models/orders.server";
import { uploadPath } from "~/models/uploads.server";

const kinds = {
  slip: (o: NonNullable<ReturnType<typeof getOrder>>) => [o.transferSlipKey, o.transferSlipType],
  invoice: (o: NonNullable<ReturnType<typeof getOrder>>) => [o.invoiceKey, o.invoiceType],
  photo: (o: NonNullable<ReturnType<typeof getOrder>>) => [
    o.acceptancePhotoKey,
    o.acceptancePhotoKey?.endsWith(".png")
      ? "image/png"
      : o.acceptancePhotoKey?.endsWith(".webp")
        ? "image/webp"
        : "image/jpeg",
  ],
} as const;

/**
 * A file attached to an order (the buyer's transfer slip, the seller's
 * invoice, the buyer's photo of the goods), for the order's buyer, seller and
 * the office only; anyone else gets 404. Served as a sandboxed download.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const parties = id.success ? orderParties(db, id.data) : null;
  const kind = params.kind as keyof typeof kinds;
  // Own keys only: "__proto__" or "constructor" is `in` every object.
  if (!parties || !viewerOf(current.acting, parties) || !Object.hasOwn(kinds, kind))
    throw new Response(t("orderView.refused.not_found"), { status: 404 });
  const order = getOrder(db, parties.id)!;
  const [key, type] = kinds[kind](order);
  const path = key ? uploadPath("orders", key) : null;
  if (!key || !type || !path || !existsSync(path))
    throw new Response(t("orderView.refused.not_found"), { status: 404 });
  return new Response(readFileSync(path), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${order.number}-${kind}.${key.split(".").pop()}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
