import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { db } from "~/db.server";
import { shanghaiDate } from "~/domain/dates";
import { exportSellerProductsCsv } from "~/models/product-bulk.server";

/**
 * The seller's own products in the bulk-edit format, to edit and upload back;
 * with no products yet, the empty template (just the header).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  return new Response(exportSellerProductsCsv(db, current.acting.orgId), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="products-${shanghaiDate()}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
