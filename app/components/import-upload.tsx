import { useState, type FormEvent } from "react";
import { useT } from "~/i18n/use-t";
import type { ImportResult } from "~/models/record-import.server";

/**
 * The CSV upload. Without JavaScript it is a plain form posting to the page.
 * With it, the file goes by XMLHttpRequest to the check endpoint so a large
 * file shows how much has been sent, then how the check came out.
 */
export function ImportUploadForm({ onResult }: { onResult: (result: ImportResult) => void }) {
  const t = useT();
  const [sent, setSent] = useState<number | null>(null);
  const [checking, setChecking] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const request = new XMLHttpRequest();
    request.open("POST", "/office/records/import/check");
    request.responseType = "json";
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) setSent(Math.round((progress.loaded * 100) / progress.total));
    };
    request.upload.onload = () => setChecking(true);
    request.onload = () => {
      setSent(null);
      setChecking(false);
      if (request.response && typeof request.response === "object")
        onResult(request.response as ImportResult);
      else form.submit();
    };
    request.onerror = () => {
      setSent(null);
      setChecking(false);
      form.submit(); // the plain form still works
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
      <h2 id="upload-heading">{t("import.upload")}</h2>
      <div className="form-field">
        <label htmlFor="import-file">{t("import.file")}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
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
