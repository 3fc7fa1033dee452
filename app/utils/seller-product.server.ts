import { requirePermission } from "~/auth/session.server";
import { db } from "~/db.server";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise } from "~/i18n/localise";
import { can } from "~/models/organisations.server";
import { getSellerProduct } from "~/models/products.server";
import { clientIpOf } from "~/server/context";

/**
 * The seller's own product named in the URL, with the person acting and the
 * page header's data. Another seller's product is "not found": a seller
 * cannot even learn that it exists.
 */
export async function loadOwnProduct(
  request: Request,
  params: { id?: string },
  context: Parameters<typeof clientIpOf>[0],
) {
  const current = await requirePermission(request, "manage:product:own-org");
  const { language, t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const product = id.success ? getSellerProduct(db, current.acting.orgId, id.data) : null;
  if (!product) throw new Response(t("sellerProducts.notFound"), { status: 404 });
  return {
    current,
    language,
    t,
    product,
    sellerId: current.acting.orgId,
    actor: { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) },
    header: {
      orgName: actingName(language, current.acting),
      role: current.acting.role,
      canManageMembers: can(current.acting, "manage:members:own-org"),
      productName: localise(language, product.nameZh, product.nameEn),
      productId: product.id,
      status: product.status,
    },
  };
}
