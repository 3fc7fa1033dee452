import { useState, type FormEvent } from "react";
import { useT } from "~/i18n/use-t";

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
  const [sent, setSent] = useState<number | null>(null);
  const [checking, setChecking] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const request = new XMLHttpRequest();
    request.open("POST", checkUrl);
    request.responseType = "json";
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) setSent(Math.round((progress.loaded * 100) / progress.total));
    };
    request.upload.onload = () => setChecking(true);
    request.onload = () => {
      setSent(null);
      setChecking(false);
      if (request.response && typeof request.response === "object")
        onResult(request.response as Result);
      else form.submit();
    };
    request.onerror = () => {
      setSent(null);
      setChecking(false);
      form.submit();
    };
    setSent(0);
    request.send(new FormData(form));
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
