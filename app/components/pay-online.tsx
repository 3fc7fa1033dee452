import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/**
 * The button that sends the buyer to Stripe Checkout for an order awaiting
 * online payment. A full-page POST (Stripe's page is another site), hidden
 * when online payment is not configured.
 */
export function PayOnline({ orderId, enabled }: { orderId: number; enabled: boolean }) {
  const t = useT();
  if (!enabled) return null;
  return (
    <Form method="post" action={`/buyer/orders/${orderId}/pay`} reloadDocument>
      <p>
        <button type="submit">{t("payment.payOnline")}</button>
      </p>
      <p className="hint">{t("payment.payOnlineHint")}</p>
    </Form>
  );
}
