import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PhotoUploadForm } from "~/components/photo-upload";
import { ProductPageHeader } from "~/components/seller-nav";
import { db } from "~/db.server";
import { MAX_IMAGE_BYTES, MAX_PRODUCT_PHOTOS } from "~/domain/file-types";
import { parseForm } from "~/domain/forms";
import { photoActionSchema, type PhotoIntent } from "~/domain/photo-forms";
import type { PhotoActionData } from "~/domain/photo-messages";
import { isEditable } from "~/domain/product-status";
import { useT } from "~/i18n/use-t";
import {
  makeCover,
  moveImage,
  removeProductImage,
  THUMB_WIDTH,
} from "~/models/product-images.server";
import { pageMeta } from "~/utils/meta";
import { uploadProductPhotos } from "~/utils/photo-upload.server";
import { loadOwnProduct } from "~/utils/seller-product.server";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t, product, header } = await loadOwnProduct(request, params, context);
  return {
    title: `${t("sellerProducts.tabs.photos")} · ${header.productName} · ${t("site.name")}`,
    description: t("descriptions.productPhotos", { product: header.productName }),
    header,
    editable: isEditable(product.status),
    room: MAX_PRODUCT_PHOTOS - product.images.length,
    images: product.images.map((image) => ({
      id: image.id,
      src: image.src,
      thumbSrc: image.thumbSrc,
      // The thumbnail keeps the large image's proportions.
      thumbWidth: THUMB_WIDTH,
      thumbHeight: Math.round((THUMB_WIDTH * image.height) / Math.max(image.width, 1)),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

type ActionData = PhotoActionData & { source: "upload" | "photo" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t, product, sellerId, actor } = await loadOwnProduct(request, params, context);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const { status, data } = await uploadProductPhotos(db, request, {
      sellerId,
      product: { id: product.id, status: product.status, photoCount: product.images.length },
      actor,
      t,
    });
    return Response.json({ ...data, source: "upload" } satisfies ActionData, { status });
  }
  const parsed = parseForm(photoActionSchema, await readFormData(request));
  if (!parsed.ok) {
    return Response.json(
      { fieldErrors: parsed.fieldErrors, alert: t("forms.invalid"), source: "photo" },
      { status: 400 },
    );
  }
  const { intent, imageId } = parsed.data;
  const input = { sellerId, productId: product.id, imageId, actor };
  const result =
    intent === "cover"
      ? makeCover(db, input)
      : intent === "remove"
        ? removeProductImage(db, input)
        : moveImage(db, { ...input, direction: intent });
  if (!result.ok) {
    if (result.reason === "not_found")
      throw new Response(t("sellerProducts.notFound"), { status: 404 });
    return Response.json(
      { fieldErrors: {}, alert: t(`photos.refused.${result.reason}`), source: "photo" },
      { status: 409 },
    );
  }
  return Response.json({
    fieldErrors: {},
    message: t(`photos.done.${intent}`),
    source: "photo",
  } satisfies ActionData);
}

/** One small form per action and photo; its name says which photo, for screen readers too. */
function PhotoAction({
  imageId,
  intent,
  number,
}: {
  imageId: number;
  intent: PhotoIntent;
  number: number;
}) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="imageId" value={imageId} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className={intent === "remove" ? "secondary-button" : undefined}
        aria-label={t(`photos.actionLabels.${intent}`, { number })}
      >
        {t(`photos.actions.${intent}`)}
      </button>
    </Form>
  );
}

export default function ProductPhotos() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const name = data.header.productName;
  const photoResult = result?.source === "photo" ? result : undefined;
  const last = data.images.length - 1;
  return (
    <main id="main" className="page">
      <ProductPageHeader header={data.header} title={t("sellerProducts.tabs.photos")} />
      <p className="hint">
        {t("photos.rules", { max: MAX_PRODUCT_PHOTOS, maxMb: MAX_IMAGE_BYTES / 1024 / 1024 })}
      </p>
      {data.editable ? null : <p className="notice">{t("photos.underReview")}</p>}
      <FormAlert message={photoResult?.alert} />
      {photoResult?.message ? (
        <p className="form-success" role="status">
          {photoResult.message}
        </p>
      ) : null}

      <h2 id="photos-heading">
        {t("photos.heading", { count: data.images.length, max: MAX_PRODUCT_PHOTOS })}
      </h2>
      {data.images.length === 0 ? (
        <p className="empty">{t("photos.none")}</p>
      ) : (
        <ol className="product-grid" aria-labelledby="photos-heading">
          {data.images.map((image, index) => {
            const number = index + 1;
            return (
              <li key={image.id} className="panel">
                <p>
                  <a href={image.src}>
                    <img
                      src={image.thumbSrc}
                      width={image.thumbWidth}
                      height={image.thumbHeight}
                      alt={t("photos.alt", { number, name })}
                      loading="lazy"
                    />
                  </a>
                </p>
                <p>
                  {t("photos.number", { number })}{" "}
                  {index === 0 ? (
                    <span className="status status-approved">{t("photos.cover")}</span>
                  ) : null}
                </p>
                {data.editable ? (
                  <div className="inline-form">
                    {index > 0 ? (
                      <PhotoAction imageId={image.id} intent="cover" number={number} />
                    ) : null}
                    {index > 0 ? (
                      <PhotoAction imageId={image.id} intent="up" number={number} />
                    ) : null}
                    {index < last ? (
                      <PhotoAction imageId={image.id} intent="down" number={number} />
                    ) : null}
                    <PhotoAction imageId={image.id} intent="remove" number={number} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}

      {!data.editable ? null : data.room > 0 ? (
        <PhotoUploadForm
          key={data.header.productId}
          uploadUrl={`/seller/products/${data.header.productId}/photos/upload`}
          room={data.room}
          result={result?.source === "upload" ? result : undefined}
        />
      ) : (
        <p className="notice">{t("photos.full", { max: MAX_PRODUCT_PHOTOS })}</p>
      )}
    </main>
  );
}
