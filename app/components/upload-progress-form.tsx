import { useRevalidator } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { useUpload } from "./use-upload";

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
  const { sent, send } = useUpload();
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    setAnswer(null);
    send(form, uploadUrl, (status, body) => {
      if (!body || typeof body !== "object" || !("fieldErrors" in body)) return false;
      setAnswer(body as UploadAnswer);
      if (status === 200) {
        form.reset();
        revalidator.revalidate();
      }
      return true;
    });
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
