/**
 * Uploaded files live outside public/, under names we generate, in one folder
 * per kind. Nothing a user typed ever becomes part of a path.
 */
import { createHash, randomUUID } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const uploadDir = () => resolve(process.env.UPLOAD_DIR ?? "data/uploads");

export type UploadFolder = "evidence" | "certificates" | "products" | "imports" | "bulk" | "orders";

const KEY =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-[a-z0-9]{1,12})?\.(pdf|jpg|png|webp|csv)$/;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Writes a new file (never overwriting one) and returns its generated key.
 * The file and its name are on disk (fsync) before the caller commits the row
 * that points to it: a row kept through a power cut (synchronous=FULL) must
 * not name evidence that was still in the page cache.
 */
export function storeUpload(
  folder: UploadFolder,
  bytes: Uint8Array | string,
  extension: string,
  key = `${randomUUID()}.${extension}`,
): { key: string; sha256: string } {
  if (!KEY.test(key)) throw new RangeError(`not a generated upload key: ${key}`);
  const dir = join(uploadDir(), folder);
  mkdirSync(dir, { recursive: true });
  const file = openSync(join(dir, key), "wx");
  try {
    writeFileSync(file, bytes);
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  const folderHandle = openSync(dir, "r");
  try {
    fsyncSync(folderHandle);
  } finally {
    closeSync(folderHandle);
  }
  return { key, sha256: sha256Hex(bytes) };
}

/** The file behind a key, or null when the key is not one we could have generated. */
export function uploadPath(folder: UploadFolder, key: string): string | null {
  return KEY.test(key) ? join(uploadDir(), folder, key) : null;
}

/** Removes a file stored for a request that was then refused, so nothing is left behind. */
export function discardUpload(folder: UploadFolder, key: string): void {
  const path = uploadPath(folder, key);
  if (path) rmSync(path, { force: true });
}
