import type { FormEvent } from "react";
import { useT } from "~/i18n/use-t";
import { useUpload } from "./use-upload";

/**
 * A CSV upload that is a plain multipart form posting to the page, so it works
 * without JavaScript. With JavaScript the file goes by XMLHttpRequest to
 * `checkUrl` (a JSON endpoint running the same check) so the page can show
 * how much has been sent; if that fails the plain form is submitted instead.
 */
export function CsvUploadForm<Result>({
  checkUrl,
  heading,
  fileLabel,
  hint,
  onResult,
}: {
  checkUrl: string;
  heading: string;
  fileLabel: string;
  hint?: string;
  onResult: (result: Result) => void;
}) {
  const t = useT();
  const { sent, processing: checking, send } = useUpload();

  function submit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    send(form, checkUrl, (_status, body) => {
      if (!body || typeof body !== "object") return false;
      onResult(body as Result);
      return true;
    });
  }

  return (
    <form
      method="post"
      encType="multipart/form-data"
      className="form"
      aria-labelledby="upload-heading"
      onSubmit={submit}
    >
      <h2 id="upload-heading">{heading}</h2>
      <div className="form-field">
        <label htmlFor="upload-file">{fileLabel}</label>
        {hint ? (
          <p id="upload-file-hint" className="hint">
            {hint}
          </p>
        ) : null}
        <input
          id="upload-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby={hint ? "upload-file-hint" : undefined}
        />
      </div>
      <p>
        <button type="submit" disabled={sent !== null}>
          {t("import.check")}
        </button>
      </p>
      {sent !== null ? (
        <p role="status">
          <progress
            max={100}
            value={checking ? undefined : sent}
            aria-label={t("import.working")}
          />{" "}
          {checking ? t("import.checking") : t("import.sent", { percent: sent })}
        </p>
      ) : null}
    </form>
  );
}
