import { useT } from "~/i18n/use-t";
import { percentOf } from "~/domain/money";
import type { Language } from "~/i18n/config";
import type { ProgressSummary } from "~/models/progress.server";
import { MoneyLarge } from "./money";

/** The city's progress toward the year's targets, in money and in people lifted. */
export function ProgressStrip({
  progress,
  language,
}: {
  progress: ProgressSummary;
  language: Language;
}) {
  const t = useT();
  const moneyPercent = progress.cityTargetFen
    ? percentOf(progress.countedFen, progress.cityTargetFen)
    : 0;
  const peoplePercent = progress.peopleTarget
    ? percentOf(progress.peopleLifted, progress.peopleTarget)
    : 0;
  return (
    <section className="progress-strip" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t("progress.heading", { year: progress.year })}</h2>
      {progress.cityTargetFen === null ? (
        <p>{t("progress.noTarget", { year: progress.year })}</p>
      ) : (
        <div className="progress-figures">
          <div className="progress-figure">
            <p className="figure-label" id="progress-money-label">
              {t("progress.counted")}
            </p>
            <p className="figure-value">
              <MoneyLarge fen={progress.countedFen} language={language} />
              <span className="figure-of">
                {" / "}
                <MoneyLarge fen={progress.cityTargetFen} language={language} />
              </span>
            </p>
            <progress
              max={100}
              value={Math.min(moneyPercent, 100)}
              aria-labelledby="progress-money-label"
            >
              {moneyPercent}%
            </progress>
            <p className="figure-note">{t("progress.percent", { percent: moneyPercent })}</p>
          </div>
          <div className="progress-figure">
            <p className="figure-label" id="progress-people-label">
              {t("progress.people")}
            </p>
            <p className="figure-value">
              {t("progress.peopleValue", {
                count: progress.peopleLifted,
                target: progress.peopleTarget ?? 0,
              })}
            </p>
            <progress
              max={100}
              value={Math.min(peoplePercent, 100)}
              aria-labelledby="progress-people-label"
            >
              {peoplePercent}%
            </progress>
            <p className="figure-note">{t("progress.percent", { percent: peoplePercent })}</p>
          </div>
        </div>
      )}
      <p className="progress-rule">{t("progress.rule")}</p>
    </section>
  );
}
