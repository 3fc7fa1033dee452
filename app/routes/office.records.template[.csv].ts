import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { IMPORT_TEMPLATE } from "~/domain/record-import";

/** The CSV template for importing outside sales, with one example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "record:sale:any");
  return new Response(IMPORT_TEMPLATE, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="outside-sales-template.csv"',
    },
  });
}
