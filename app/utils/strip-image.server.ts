import sharp from "sharp";
import { MAX_IMAGE_PIXELS, type ImageType } from "~/domain/file-types";

const sharpFormat: Record<ImageType, "jpeg" | "png" | "webp"> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};

/**
 * An uploaded image re-encoded in its own format, turned upright by its EXIF
 * orientation and carrying no metadata at all (no EXIF, so no GPS position,
 * camera or time; no XMP, IPTC or ICC profile; sharp keeps none unless
 * asked). Null when the bytes do not decode as the type their first bytes
 * claim, or hold more than MAX_IMAGE_PIXELS pixels.
 */
export async function withoutMetadata(bytes: Uint8Array, type: ImageType): Promise<Buffer | null> {
  const input = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" });
  try {
    const metadata = await input.metadata();
    // The decoder must agree with the first bytes, so nothing else hides behind them.
    if (metadata.format !== sharpFormat[type]) return null;
    const upright = input.rotate();
    const encoded =
      type === "image/jpeg"
        ? upright.jpeg({ quality: 90 })
        : type === "image/png"
          ? upright.png()
          : upright.webp({ quality: 90 });
    return await encoded.toBuffer();
  } catch {
    return null;
  }
}
