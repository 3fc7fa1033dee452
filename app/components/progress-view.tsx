import { formatFenLarge, percentOf } from "~/domain/money";
import type { Language } from "~/i18n/config";
import { useT } from "~/i18n/use-t";
import type { YearProgress } from "~/models/ledger.server";
import { BarChart } from "./bar-chart";
import { MoneyLarge } from "./money";

type EntryFilter = Record<string, string>;

/**
 * A year's progress: headline figures and server-drawn charts. With
 * `entriesHref` (the office's dashboard) every figure links to the ledger
 * entries behind it; the public page has no links to entries.
 */
export function ProgressView({
  progress,
  language,
  countyNames,
  entriesHref,
}: {
  progress: YearProgress;
  language: Language;
  countyNames: Record<string, string>;
  entriesHref?: (filter: EntryFilter) => string;
}) {
  const t = useT();
  const money = (fen: number) => formatFenLarge(fen, language);
  const href = (filter: EntryFilter) => entriesHref?.({ year: String(progress.year), ...filter });
  const c = progress.counted;
  const headline: { label: string; fen: number; filter: EntryFilter }[] = [
    { label: t("progress.counted"), fen: c.totalFen, filter: {} },
    { label: t("ledger.purchase"), fen: c.purchaseFen, filter: { kind: "purchase" } },
    { label: t("ledger.helpedSale"), fen: c.helpedSaleFen, filter: { kind: "helped_sale" } },
    { label: t("ledger.online"), fen: c.onlineFen, filter: { channel: "online" } },
    { label: t("ledger.offline"), fen: c.offlineFen, filter: { channel: "offline" } },
    { label: t("ledger.certified"), fen: c.certifiedFen, filter: { certified: "1" } },
  ];
  // Those with a target first, by share of it reached; then the others by amount.
  const share = (j: { countedFen: number; targetFen: number }) =>
    j.targetFen > 0 ? percentOf(j.countedFen, j.targetFen) : -1;
  const jurisdictions = [...progress.jurisdictions].sort(
    (a, b) => share(b) - share(a) || b.countedFen - a.countedFen,
  );
  return (
    <>
      <div className="figures">
        <div className="figure">
          <p className="figure-label">{t("progress.targetLabel")}</p>
          <p className="figure-value">
            {entriesHref ? (
              <a href={href({})}>
                <MoneyLarge fen={c.totalFen} language={language} />
              </a>
            ) : (
              <MoneyLarge fen={c.totalFen} language={language} />
            )}
            <span className="figure-of"> / {money(progress.target.totalFen)}</span>
          </p>
          <progress
            max={100}
            value={Math.min(100, percentOf(c.totalFen, progress.target.totalFen))}
            aria-label={t("progress.counted")}
          >
            {percentOf(c.totalFen, progress.target.totalFen)}%
          </progress>
          <p className="figure-note">
            {t("progress.percent", { percent: percentOf(c.totalFen, progress.target.totalFen) })}
          </p>
        </div>
        <div className="figure">
          <p className="figure-label">{t("progress.people")}</p>
          <p className="figure-value">
            {t("progress.peopleValue", {
              count: c.peopleLifted,
              target: progress.target.peopleLifted,
            })}
          </p>
          <progress
            max={100}
            value={Math.min(100, percentOf(c.peopleLifted, progress.target.peopleLifted))}
            aria-label={t("progress.people")}
          >
            {percentOf(c.peopleLifted, progress.target.peopleLifted)}%
          </progress>
        </div>
        {headline.slice(1).map((item) => (
          <div className="figure" key={item.label}>
            <p className="figure-label">{item.label}</p>
            <p className="figure-value">
              {entriesHref ? <a href={href(item.filter)}>{money(item.fen)}</a> : money(item.fen)}
            </p>
          </div>
        ))}
      </div>

      <BarChart
        id="chart-jurisdictions"
        title={t("ledger.byJurisdiction")}
        bars={[
          ...jurisdictions.map((j) => ({
            label: j.name,
            value: j.countedFen,
            target: j.targetFen || undefined,
            valueText: j.targetFen
              ? `${money(j.countedFen)} · ${percentOf(j.countedFen, j.targetFen)}%${
                  j.pairedCountyCode ? ` · ${countyNames[j.pairedCountyCode] ?? ""}` : ""
                }`
              : money(j.countedFen),
            href: href({ jurisdiction: j.code }),
          })),
          {
            label: t("ledger.municipal"),
            value: progress.municipalFen,
            valueText: money(progress.municipalFen),
            href: href({ jurisdiction: "350100" }),
          },
        ]}
      />
      <BarChart
        id="chart-counties"
        title={t("ledger.byCounty")}
        bars={progress.originCounties.map((county) => ({
          label: county.name,
          value: county.countedFen,
          valueText: money(county.countedFen),
          href: href({ county: county.code }),
        }))}
      />
      <BarChart
        id="chart-buyers"
        title={t("ledger.byBuyerType")}
        bars={progress.buyerTypes.map((b) => ({
          label: t(`ledger.buyerTypes.${b.type}`),
          value: b.countedFen,
          valueText: money(b.countedFen),
          href: href({ buyerType: b.type }),
        }))}
      />
      <BarChart
        id="chart-months"
        title={t("ledger.byMonth")}
        bars={progress.months.map((m) => ({
          label: m.month,
          value: m.countedFen,
          valueText: money(m.countedFen),
          href: href({ month: m.month }),
        }))}
      />
    </>
  );
}
