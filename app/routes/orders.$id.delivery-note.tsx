import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderDocument } from "~/components/order-document";
import { loadOrderDocument } from "~/utils/order-documents.server";
import { pageMeta } from "~/utils/meta";

/** The delivery note (送货单) of one order, for its buyer, its seller and the office. */
export function loader(args: LoaderFunctionArgs) {
  return loadOrderDocument(args, "deliveryNote");
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DeliveryNote() {
  const data = useLoaderData<typeof loader>();
  return <OrderDocument data={data} />;
}
