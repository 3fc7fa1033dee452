/**
 * Uploaded evidence is checked by its content, never by its name or the
 * browser's claim: only PDF, JPEG and PNG are kept.
 */
export type EvidenceType = "application/pdf" | "image/jpeg" | "image/png";

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  return null;
}

export function extensionOf(type: EvidenceType): string {
  return type === "application/pdf" ? "pdf" : type === "image/jpeg" ? "jpg" : "png";
}

/**
 * Product photos, checked the same way: only JPEG, PNG and WebP by their
 * first bytes. SVG is never accepted, because it can carry script.
 */
export type ImageType = "image/jpeg" | "image/png" | "image/webp";

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_PRODUCT_PHOTOS = 8;
/** Decoding more pixels than this is refused: a small file can unpack into gigabytes. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export function detectImageType(bytes: Uint8Array): ImageType | null {
  const at = (offset: number, ...signature: number[]) =>
    signature.every((b, i) => bytes[offset + i] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  // "RIFF", four bytes of length, then "WEBP".
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return null;
}

export function imageExtensionOf(type: ImageType): "jpg" | "png" | "webp" {
  return type === "image/jpeg" ? "jpg" : type === "image/png" ? "png" : "webp";
}
