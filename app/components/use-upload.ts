import { useState } from "react";

/**
 * Sends a form's fields by XMLHttpRequest to a JSON twin of its action, so a
 * large file shows how much has gone (`sent`, 0–100) and when the server is
 * working on it (`processing`). An answer `accept` does not recognise (signed
 * out, gone) or a network failure falls back to submitting the plain form,
 * which works without JavaScript too.
 */
export function useUpload() {
  const [sent, setSent] = useState<number | null>(null);
  const [processing, setProcessing] = useState(false);

  function send(
    form: HTMLFormElement,
    url: string,
    accept: (status: number, body: unknown) => boolean,
  ): void {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) setSent(Math.round((progress.loaded * 100) / progress.total));
    };
    request.upload.onload = () => setProcessing(true);
    const done = () => {
      setSent(null);
      setProcessing(false);
    };
    request.onload = () => {
      done();
      if (!accept(request.status, request.response)) form.submit();
    };
    request.onerror = () => {
      done();
      form.submit();
    };
    setSent(0);
    request.send(new FormData(form));
  }

  return { sent, processing, send };
}
