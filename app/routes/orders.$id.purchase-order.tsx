import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderDocument } from "~/components/order-document";
import { loadOrderDocument } from "~/utils/order-documents.server";
import { pageMeta } from "~/utils/meta";

/** The purchase order (采购单) of one order, for its buyer, its seller and the office. */
export function loader(args: LoaderFunctionArgs) {
  return loadOrderDocument(args, "purchaseOrder");
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function PurchaseOrder() {
  const data = useLoaderData<typeof loader>();
  return <OrderDocument data={data} />;
}
