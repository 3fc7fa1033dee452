import { useRevalidator } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";

export interface UploadAnswer {
  fieldErrors: Record<string, string[]>;
  values?: Record<string, string>;
  message?: string;
  alert?: string;
}

/**
 * A multipart form that shows how much of a large file has been sent. Without
 * JavaScript it is a plain form posting to the page. With it, the same fields
 * go by XMLHttpRequest to `uploadUrl` (a JSON twin of the page's action), the
 * progress shows in a labelled <progress>, and the page's data reloads after.
 */
export function UploadProgressForm({
  uploadUrl,
  labelledBy,
  children,
}: {
  uploadUrl: string;
  labelledBy: string;
  children: (answer: UploadAnswer | null) => ReactNode;
}) {
  const t = useT();
  const revalidator = useRevalidator();
  const [sent, setSent] = useState<number | null>(null);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const request = new XMLHttpRequest();
    request.open("POST", uploadUrl);
    request.responseType = "json";
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) setSent(Math.round((progress.loaded * 100) / progress.total));
    };
    request.onload = () => {
      setSent(null);
      const body: unknown = request.response;
      if (body && typeof body === "object" && "fieldErrors" in body) {
        setAnswer(body as UploadAnswer);
        if (request.status === 200) {
          form.reset();
          revalidator.revalidate();
        }
      } else {
        form.submit(); // an answer we do not know (signed out, gone): let the page say
      }
    };
    request.onerror = () => {
      setSent(null);
      form.submit(); // the plain form still works
    };
    setAnswer(null);
    setSent(0);
    request.send(new FormData(form));
  }

  return (
    <form
      method="post"
      encType="multipart/form-data"
      className="form"
      noValidate
      aria-labelledby={labelledBy}
      onSubmit={submit}
    >
      {children(answer)}
      {sent !== null ? (
        <p>
          <label htmlFor={`${labelledBy}-progress`}>{t("upload.sending", { percent: sent })}</label>{" "}
          <progress id={`${labelledBy}-progress`} max={100} value={sent} />
        </p>
      ) : null}
    </form>
  );
}
