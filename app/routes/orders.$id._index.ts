import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { orderParties, orderPath, viewerOf } from "~/models/order-access.server";

/**
 * /orders/:id, the link in every notification: sends the reader to the
 * order's page in their own area. Only the order's buyer, its seller and the
 * office get there; anyone else gets 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const id = idParam.safeParse(params.id);
  const order = id.success ? orderParties(db, id.data) : null;
  const viewer = order ? viewerOf(current.acting, order) : null;
  if (!order || !viewer) {
    const { t } = await getTranslator(request);
    throw new Response(t("officeOrders.notFound"), { status: 404 });
  }
  return redirect(orderPath(viewer, order.id));
}
