import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  type UploadHandler,
} from "@remix-run/node";
import { readMultipartFormData } from "~/utils/form-data.server";
import type { Db } from "../../db/client";
import type { ProductStatus } from "../../db/schema";
import { MAX_IMAGE_BYTES, MAX_PRODUCT_PHOTOS } from "~/domain/file-types";
import {
  PHOTO_FIELD,
  requestTooLargeMessage,
  tooManyMessage,
  type PhotoActionData,
} from "~/domain/photo-messages";
import { isEditable } from "~/domain/product-status";
import type { Translate } from "~/i18n/use-t";
import {
  addProductImages,
  preparePhotos,
  type PhotoRefusal,
  type UploadedPhoto,
} from "~/models/product-images.server";
import type { Actor } from "~/models/products.server";

/** A whole upload may carry eight full-size photos and the form around them. */
const MAX_REQUEST_BYTES = MAX_PRODUCT_PHOTOS * MAX_IMAGE_BYTES + 1024 * 1024;

class RequestTooLarge extends Error {}

export type PhotoUpload = { ok: true; files: UploadedPhoto[] } | { ok: false; status: 413 };

/**
 * Reads a multipart upload of photos, in the order sent. A file over 10 MB is
 * read to its end but not kept (its bytes are null), so the page can say
 * which one was too large; the request as a whole is cut off beyond what
 * eight photos could need.
 */
export async function readPhotoUpload(request: Request): Promise<PhotoUpload> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) return { ok: false, status: 413 };
  const files: UploadedPhoto[] = [];
  let total = 0;
  const photoHandler: UploadHandler = async ({ name, filename, data }) => {
    if (typeof filename !== "string") return undefined; // text fields: next handler
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > MAX_REQUEST_BYTES) throw new RequestTooLarge();
      // Keep reading an oversize file to its end, but keep none of it.
      if (size <= MAX_IMAGE_BYTES) chunks.push(chunk);
    }
    // An empty file input still sends a part, with no name and no bytes.
    if (name !== PHOTO_FIELD || (size === 0 && filename === "")) return "";
    files.push({ filename, bytes: size > MAX_IMAGE_BYTES ? null : Buffer.concat(chunks) });
    return "";
  };
  try {
    await readMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        photoHandler,
        unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
      ),
    );
  } catch (error) {
    // A text field over its 1 KB is as much too large as a request over its limit.
    if (error instanceof RequestTooLarge || error instanceof MaxPartSizeExceededError)
      return { ok: false, status: 413 };
    throw error;
  }
  return { ok: true, files };
}

/**
 * The whole upload, for the page's plain form and for its script alike:
 * every file is checked before any is stored, so a refused upload changes
 * nothing. The product is the seller's own, already looked up (see
 * loadOwnProduct); the model checks that again as it writes.
 */
export async function uploadProductPhotos(
  db: Db,
  request: Request,
  input: {
    sellerId: number;
    product: { id: number; status: ProductStatus; photoCount: number };
    actor: Actor;
    t: Translate;
  },
): Promise<{ status: number; data: PhotoActionData }> {
  const { t, product } = input;
  const refused = (reason: PhotoRefusal) => ({
    status: 409,
    data: { fieldErrors: {}, alert: t(`photos.refused.${reason}`) },
  });
  if (!isEditable(product.status)) return refused("under_review");
  const upload = await readPhotoUpload(request);
  if (!upload.ok)
    return { status: 413, data: { fieldErrors: { [PHOTO_FIELD]: [requestTooLargeMessage] } } };
  const prepared = await preparePhotos(upload.files, MAX_PRODUCT_PHOTOS - product.photoCount);
  if (!prepared.ok)
    return { status: 400, data: { fieldErrors: { [PHOTO_FIELD]: prepared.errors } } };
  const added = addProductImages(db, {
    sellerId: input.sellerId,
    productId: product.id,
    images: prepared.images,
    actor: input.actor,
  });
  if (!added.ok) {
    if (added.reason === "not_found")
      throw new Response(t("sellerProducts.notFound"), { status: 404 });
    if (added.reason === "too_many") {
      const message = tooManyMessage(added.room ?? 0);
      return { status: 400, data: { fieldErrors: { [PHOTO_FIELD]: [message] } } };
    }
    return refused(added.reason);
  }
  return {
    status: 200,
    data: { fieldErrors: {}, message: t("photos.added", { count: added.ids.length }) },
  };
}
