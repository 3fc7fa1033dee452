import { useT } from "~/i18n/use-t";

export interface HistoryEvent {
  id: number;
  at: string;
  /** The same moment for <time dateTime>. */
  iso: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actor: string;
  actorOrg: string;
}

/** What happened to a product, newest first, as both the seller and the office see it. */
export function ProductHistory({ events }: { events: HistoryEvent[] }) {
  const t = useT();
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("sellerProducts.history")}</h2>
      <ol className="history">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.iso}>{e.at}</time> ·{" "}
            <strong>{t(`certReview.events.${e.kind}`)}</strong>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
              ? ` · ${t(`productStatus.${e.fromStatus}`)} → ${t(`productStatus.${e.toStatus}`)}`
              : ""}
            {e.reason ? ` · ${t("sellerProducts.reason")}: ${e.reason}` : ""}
            {e.actor ? ` · ${t("sellerProducts.byWhom", { name: e.actor, org: e.actorOrg })}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
