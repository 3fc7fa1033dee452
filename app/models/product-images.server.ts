/**
 * A product's photos: up to eight, the first is the cover. An upload is
 * checked by its content, re-encoded by sharp into a web-sized WebP and a
 * thumbnail (honouring the phone's orientation and dropping its metadata,
 * GPS included), and stored outside public/ under generated names; only the
 * re-encoded files are ever served. Every change is limited to the acting
 * seller's own product, refused while the product is under review, and is
 * one transaction with its audit row and history event.
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db, DbLike } from "../../db/client";
import { productImages, products, type ProductStatus } from "../../db/schema";
import {
  DEMO_PHOTO_DIR,
  demoPhotoHash,
  parseDemoPhotoKey,
  PRODUCT_MEDIA_PREFIX,
} from "~/domain/demo-photos";
import {
  detectImageType,
  imageExtensionOf,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_PRODUCT_PHOTOS,
  type ImageType,
} from "~/domain/file-types";
import { refusalMessage, tooManyMessage, type ImageRefusal } from "~/domain/photo-messages";
import { isEditable } from "~/domain/product-status";
import { recordAudit } from "./audit.server";
import { addEvent, type Actor } from "./products.server";
import { storeUpload, uploadPath } from "./uploads.server";

export const LARGE_SIZE = 1200;
export const THUMB_WIDTH = 400;
/** The public address of the stored files (see routes/media.products.$key.ts). */
export const MEDIA_PREFIX = PRODUCT_MEDIA_PREFIX;

export interface ProcessedImage {
  type: ImageType;
  original: Uint8Array;
  large: { bytes: Buffer; width: number; height: number };
  thumb: { bytes: Buffer; width: number; height: number };
}

const sharpFormat: Record<ImageType, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};

/**
 * Checks an uploaded photo by its content and re-encodes it: a large WebP
 * fitting inside 1200×1200 and a 400-px-wide thumbnail, both turned upright
 * by the EXIF orientation and carrying no metadata (sharp keeps none unless
 * asked), so a phone's GPS position never reaches the storefront.
 */
export async function processProductImage(
  bytes: Uint8Array,
): Promise<{ ok: true; image: ProcessedImage } | { ok: false; reason: ImageRefusal }> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, reason: "too_large" };
  const type = detectImageType(bytes);
  if (!type) return { ok: false, reason: "not_image" };
  const input = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" });
  try {
    const metadata = await input.metadata();
    // The decoder must agree with the first bytes, so nothing else hides behind them.
    if (metadata.format !== sharpFormat[type]) return { ok: false, reason: "not_image" };
    if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_IMAGE_PIXELS)
      return { ok: false, reason: "too_many_pixels" };
    const upright = input.rotate();
    const [large, thumb] = await Promise.all([
      upright
        .clone()
        .resize({ width: LARGE_SIZE, height: LARGE_SIZE, fit: "inside", withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true }),
      upright
        .clone()
        .resize({
          width: THUMB_WIDTH,
          height: THUMB_WIDTH * 3,
          fit: "inside",
          withoutEnlargement: true,
        })
        .webp({ quality: 75 })
        .toBuffer({ resolveWithObject: true }),
    ]);
    return {
      ok: true,
      image: {
        type,
        original: bytes,
        large: { bytes: large.data, width: large.info.width, height: large.info.height },
        thumb: { bytes: thumb.data, width: thumb.info.width, height: thumb.info.height },
      },
    };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message))
      return { ok: false, reason: "too_many_pixels" };
    return { ok: false, reason: "unreadable" };
  }
}

export interface UploadedPhoto {
  /** The name the browser gave, shown only in messages. */
  filename: string;
  /** Null when the file was over the size limit and so not kept. */
  bytes: Uint8Array | null;
}

/**
 * Checks every file of one upload before any is kept, so a refused upload
 * changes nothing: each file's problems come back as messages
 * ("key|{values}") naming the file, and a batch larger than the room left
 * says how many more fit.
 */
export async function preparePhotos(
  files: UploadedPhoto[],
  room: number,
): Promise<{ ok: true; images: ProcessedImage[] } | { ok: false; errors: string[] }> {
  if (files.length === 0) return { ok: false, errors: ["photos.errors.required"] };
  if (files.length > room) return { ok: false, errors: [tooManyMessage(room)] };
  const errors: string[] = [];
  const images: ProcessedImage[] = [];
  for (const file of files) {
    const result = file.bytes
      ? await processProductImage(file.bytes)
      : ({ ok: false, reason: "too_large" } as const);
    if (result.ok) images.push(result.image);
    else errors.push(refusalMessage(result.reason, file.filename));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, images };
}

interface StoredImage {
  src: string;
  thumbSrc: string;
  width: number;
  height: number;
  originalKey: string;
  keys: string[];
}

function storeImage(image: ProcessedImage): StoredImage {
  const id = randomUUID();
  const original = storeUpload(
    "products",
    image.original,
    imageExtensionOf(image.type),
    `${id}.${imageExtensionOf(image.type)}`,
  );
  const large = storeUpload("products", image.large.bytes, "webp", `${id}-${LARGE_SIZE}.webp`);
  const thumb = storeUpload("products", image.thumb.bytes, "webp", `${id}-${THUMB_WIDTH}.webp`);
  return {
    src: MEDIA_PREFIX + large.key,
    thumbSrc: MEDIA_PREFIX + thumb.key,
    width: image.large.width,
    height: image.large.height,
    originalKey: original.key,
    keys: [original.key, large.key, thumb.key],
  };
}

/** The stored files behind a photo row; drawn demo images (in public/) have none. */
function storedKeys(row: { src: string; thumbSrc: string; originalKey: string | null }): string[] {
  if (!row.originalKey) return [];
  const keys = [row.originalKey];
  for (const src of [row.src, row.thumbSrc]) {
    if (src.startsWith(MEDIA_PREFIX)) keys.push(src.slice(MEDIA_PREFIX.length));
  }
  return keys;
}

function removeFiles(keys: string[]): void {
  for (const key of keys) {
    const path = uploadPath("products", key);
    if (path) rmSync(path, { force: true });
  }
}

export type PhotoRefusal = "not_found" | "under_review" | "too_many" | "last_photo";

export type PhotoOutcome<T = object> =
  ({ ok: true } & T) | { ok: false; reason: PhotoRefusal; room?: number };

type PhotoRow = typeof productImages.$inferSelect;

/** The product when it is the seller's own and may be changed, with its photos in order. */
function editableProduct(
  tx: DbLike,
  sellerId: number,
  productId: number,
): { ok: true; status: ProductStatus; images: PhotoRow[] } | { ok: false; reason: PhotoRefusal } {
  const product = tx
    .select({ id: products.id, status: products.status })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.sellerId, sellerId)))
    .get();
  if (!product) return { ok: false, reason: "not_found" };
  if (!isEditable(product.status)) return { ok: false, reason: "under_review" };
  const images = tx
    .select()
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position))
    .all();
  return { ok: true, status: product.status, images };
}

/**
 * Gives the photos positions 0..n-1 in this order. The unique index on
 * (product, position) would trip over a plain swap, so every row first
 * moves to a negative position no other row holds.
 */
function writeOrder(tx: DbLike, productId: number, ids: number[], now: Date): void {
  ids.forEach((id, i) => {
    tx.update(productImages)
      .set({ position: -(i + 1) })
      .where(and(eq(productImages.id, id), eq(productImages.productId, productId)))
      .run();
  });
  ids.forEach((id, i) => {
    tx.update(productImages)
      .set({ position: i })
      .where(and(eq(productImages.id, id), eq(productImages.productId, productId)))
      .run();
  });
  tx.update(products).set({ updatedAt: now }).where(eq(products.id, productId)).run();
}

function audit(
  tx: DbLike,
  actor: Actor,
  productId: number,
  now: Date,
  action: string,
  oldValue: unknown,
  newValue: unknown,
): void {
  recordAudit(tx, {
    at: now,
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action,
    targetType: "product",
    targetId: String(productId),
    ip: actor.ip,
    oldValue,
    newValue,
  });
}

const order = (images: PhotoRow[]) => images.map((image) => image.id);

/**
 * Adds already-checked photos after the product's existing ones (the first
 * photo of a product becomes its cover), refusing the lot when they would
 * make more than eight. The files are written inside the transaction and
 * removed again if it does not commit.
 */
export function addProductImages(
  db: Db,
  input: { sellerId: number; productId: number; images: ProcessedImage[]; actor: Actor },
  now = new Date(),
): PhotoOutcome<{ ids: number[] }> {
  const written: string[] = [];
  try {
    return db.transaction((tx): PhotoOutcome<{ ids: number[] }> => {
      const product = editableProduct(tx, input.sellerId, input.productId);
      if (!product.ok) return product;
      const room = MAX_PRODUCT_PHOTOS - product.images.length;
      if (input.images.length > room)
        return { ok: false, reason: "too_many", room: Math.max(room, 0) };
      if (input.images.length === 0) return { ok: true, ids: [] };
      const next =
        product.images.reduce((highest, image) => Math.max(highest, image.position), -1) + 1;
      const ids = input.images.map((image, i) => {
        const stored = storeImage(image);
        written.push(...stored.keys);
        return tx
          .insert(productImages)
          .values({
            productId: input.productId,
            position: next + i,
            src: stored.src,
            thumbSrc: stored.thumbSrc,
            width: stored.width,
            height: stored.height,
            originalKey: stored.originalKey,
          })
          .returning({ id: productImages.id })
          .get().id;
      });
      tx.update(products).set({ updatedAt: now }).where(eq(products.id, input.productId)).run();
      addEvent(tx, {
        productId: input.productId,
        at: now,
        actor: input.actor,
        kind: "photos_added",
        detail: { count: ids.length, total: product.images.length + ids.length },
      });
      audit(
        tx,
        input.actor,
        input.productId,
        now,
        "product.photos_added",
        { photos: order(product.images) },
        { photos: [...order(product.images), ...ids] },
      );
      return { ok: true, ids };
    });
  } catch (error) {
    // Nothing was committed: the files written so far belong to no photo.
    removeFiles(written);
    throw error;
  }
}

/**
 * Removes one photo; the others close up, so the first remaining becomes the
 * cover. A product on sale keeps at least one photo (it needed one to be
 * submitted). The stored files go once the change is committed.
 */
export function removeProductImage(
  db: Db,
  input: { sellerId: number; productId: number; imageId: number; actor: Actor },
  now = new Date(),
): PhotoOutcome {
  let removedKeys: string[] = [];
  const outcome = db.transaction((tx): PhotoOutcome => {
    const product = editableProduct(tx, input.sellerId, input.productId);
    if (!product.ok) return product;
    const image = product.images.find((row) => row.id === input.imageId);
    if (!image) return { ok: false, reason: "not_found" };
    if (product.images.length === 1 && (product.status === "listed" || product.status === "paused"))
      return { ok: false, reason: "last_photo" };
    tx.delete(productImages).where(eq(productImages.id, image.id)).run();
    const remaining = order(product.images).filter((id) => id !== image.id);
    writeOrder(tx, input.productId, remaining, now);
    addEvent(tx, {
      productId: input.productId,
      at: now,
      actor: input.actor,
      kind: "photo_removed",
      detail: {
        position: image.position,
        wasCover: image.position === product.images[0]?.position,
      },
    });
    audit(
      tx,
      input.actor,
      input.productId,
      now,
      "product.photo_removed",
      { photos: order(product.images), src: image.src },
      { photos: remaining },
    );
    removedKeys = storedKeys(image);
    return { ok: true };
  });
  if (outcome.ok) removeFiles(removedKeys);
  return outcome;
}

/** Reorders in one transaction with its event and audit row; nothing is written when the order stays. */
function reorder(
  db: Db,
  input: { sellerId: number; productId: number; imageId: number; actor: Actor },
  now: Date,
  kind: "cover_changed" | "photos_reordered",
  arrange: (ids: number[], index: number) => number[],
): PhotoOutcome {
  return db.transaction((tx): PhotoOutcome => {
    const product = editableProduct(tx, input.sellerId, input.productId);
    if (!product.ok) return product;
    const before = order(product.images);
    const index = before.indexOf(input.imageId);
    if (index < 0) return { ok: false, reason: "not_found" };
    const after = arrange(before, index);
    if (after.every((id, i) => id === before[i])) return { ok: true };
    writeOrder(tx, input.productId, after, now);
    addEvent(tx, {
      productId: input.productId,
      at: now,
      actor: input.actor,
      kind,
      detail: { from: index, to: after.indexOf(input.imageId) },
    });
    audit(
      tx,
      input.actor,
      input.productId,
      now,
      `product.${kind}`,
      { photos: before },
      { photos: after },
    );
    return { ok: true };
  });
}

/** Makes a photo the cover (position 0); the others keep their order after it. */
export function makeCover(
  db: Db,
  input: { sellerId: number; productId: number; imageId: number; actor: Actor },
  now = new Date(),
): PhotoOutcome {
  return reorder(db, input, now, "cover_changed", (ids, index) => [
    ids[index]!,
    ...ids.filter((_, i) => i !== index),
  ]);
}

/** Swaps a photo with its neighbour; moving the first up or the last down changes nothing. */
export function moveImage(
  db: Db,
  input: {
    sellerId: number;
    productId: number;
    imageId: number;
    direction: "up" | "down";
    actor: Actor;
  },
  now = new Date(),
): PhotoOutcome {
  return reorder(db, input, now, "photos_reordered", (ids, index) => {
    const other = input.direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= ids.length) return ids;
    const next = [...ids];
    [next[index], next[other]] = [next[other]!, next[index]!];
    return next;
  });
}

/**
 * The bytes behind a served photo name: a re-encoded upload ("<uuid>-1200.webp",
 * "<uuid>-400.webp"; never the original, which may carry the phone's EXIF) or
 * a drawn demo picture whose name still matches its content. Null otherwise,
 * so an address never serves other bytes than the ones it was made for.
 */
export async function readServedPhoto(key: string): Promise<Buffer<ArrayBuffer> | null> {
  const demo = parseDemoPhotoKey(key);
  if (demo) {
    const bytes = await readFile(resolve(DEMO_PHOTO_DIR, demo.file)).catch(() => null);
    return bytes && demoPhotoHash(bytes) === demo.hash ? bytes : null;
  }
  // Only the re-encoded sizes: an original's "<uuid>.jpg" may end in digits too.
  const size = /^[0-9a-f-]{36}-(\d+)\.webp$/.exec(key)?.[1];
  const served = size === String(LARGE_SIZE) || size === String(THUMB_WIDTH);
  const path = served ? uploadPath("products", key) : null;
  return path ? readFile(path).catch(() => null) : null;
}
