/**
 * The demo catalogue's drawn pictures (public/images/demo/<name>.webp, drawn
 * by db/seed/draw-images.ts) are served like uploaded photos, under
 * /media/products/, by a name carrying the start of the file's SHA-256:
 * "demo-<name>.<16 hex digits>.webp". A redrawn picture gets a new address,
 * so every address may be cached for a year as immutable. No I/O here: the
 * seed names the files and the media route checks a name against its file.
 */
import { createHash } from "node:crypto";

/** Where product photos are served (routes/media.products.$key.ts). */
export const PRODUCT_MEDIA_PREFIX = "/media/products/";

/** The drawn pictures, relative to the project's root. */
export const DEMO_PHOTO_DIR = "public/images/demo";

const KEY = /^demo-([a-z0-9]+(?:-[a-z0-9]+)*)\.([0-9a-f]{16})\.webp$/;

/** The part of a picture's SHA-256 its address carries. */
export function demoPhotoHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** The served address of the drawn picture `<name>.webp` with these bytes. */
export function demoPhotoSrc(name: string, bytes: Uint8Array): string {
  return `${PRODUCT_MEDIA_PREFIX}demo-${name}.${demoPhotoHash(bytes)}.webp`;
}

/** The picture's file name and expected hash, or null when `key` is not a demo picture's. */
export function parseDemoPhotoKey(key: string): { file: string; hash: string } | null {
  const match = KEY.exec(key);
  return match ? { file: `${match[1]!}.webp`, hash: match[2]! } : null;
}
