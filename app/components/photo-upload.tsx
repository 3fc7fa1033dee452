import { useRevalidator } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { MAX_IMAGE_BYTES } from "~/domain/file-types";
import {
  PHOTO_FIELD,
  refusalMessage,
  tooManyMessage,
  type PhotoActionData,
} from "~/domain/photo-messages";
import { useT } from "~/i18n/use-t";
import { useUpload } from "./use-upload";
import { Field } from "./form";

/**
 * The photo upload. Without JavaScript it is a plain multipart form posting
 * to the page. With it, sizes and count are checked before anything is sent,
 * the files go by XMLHttpRequest to `uploadUrl` so a slow phone connection
 * shows how much has gone, and the page's data is reloaded afterwards.
 */
export function PhotoUploadForm({
  uploadUrl,
  room,
  result,
}: {
  uploadUrl: string;
  /** How many more photos fit. */
  room: number;
  /** What the plain form's post answered, when there was one. */
  result: PhotoActionData | undefined;
}) {
  const t = useT();
  const revalidator = useRevalidator();
  const { sent, processing, send } = useUpload();
  const [answer, setAnswer] = useState<PhotoActionData | null>(null);
  const shown = answer ?? result;

  function submit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem(PHOTO_FIELD);
    const files = input instanceof HTMLInputElement && input.files ? [...input.files] : [];
    // The server checks all of this again; checking first saves sending 80 MB for nothing.
    const problems =
      files.length > room
        ? [tooManyMessage(room)]
        : files
            .filter((file) => file.size > MAX_IMAGE_BYTES)
            .map((file) => refusalMessage("too_large", file.name));
    if (problems.length > 0) {
      setAnswer({ fieldErrors: { [PHOTO_FIELD]: problems } });
      return;
    }
    setAnswer(null);
    send(form, uploadUrl, (status, body) => {
      if (!body || typeof body !== "object" || !("fieldErrors" in body)) return false;
      setAnswer(body as PhotoActionData);
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
      aria-labelledby="photo-upload-heading"
      onSubmit={submit}
    >
      <h2 id="photo-upload-heading">{t("photos.upload.heading")}</h2>
      {shown?.alert ? (
        <p className="form-alert" role="alert">
          {shown.alert}
        </p>
      ) : null}
      {shown?.message ? (
        <p className="form-success" role="status">
          {shown.message}
        </p>
      ) : null}
      {/* No `capture` attribute: phones then offer both the camera and the gallery. */}
      <Field
        name={PHOTO_FIELD}
        label={t("photos.upload.label")}
        hint={t("photos.upload.hint", {
          count: room,
          maxMb: MAX_IMAGE_BYTES / 1024 / 1024,
        })}
        errors={shown?.fieldErrors}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp"
        required
      />
      <p>
        <button type="submit" disabled={sent !== null}>
          {t("photos.upload.submit")}
        </button>
      </p>
      {sent !== null ? (
        <p role="status" className="form-field">
          <label htmlFor="photo-upload-progress">
            {processing
              ? t("photos.upload.processing")
              : t("photos.upload.sent", { percent: sent })}
          </label>
          <progress id="photo-upload-progress" max={100} value={processing ? undefined : sent} />
        </p>
      ) : null}
    </form>
  );
}
