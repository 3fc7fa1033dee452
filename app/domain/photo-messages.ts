/**
 * What the photo upload says back: messages are "key|{values}" (see
 * forms.ts), translated where they are shown. Pure, so the page's script
 * checks sizes and count with the same words before sending anything.
 */
import type { FieldErrors } from "./forms";
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_PRODUCT_PHOTOS } from "./file-types";

/** The form field that carries the photos. */
export const PHOTO_FIELD = "photos";

/** What an upload or a photo action answers, for the page and for its script. */
export interface PhotoActionData {
  fieldErrors: FieldErrors;
  /** Translated: what was done. */
  message?: string;
  /** Translated: why nothing could be done. */
  alert?: string;
}

export type ImageRefusal = "too_large" | "not_image" | "too_many_pixels" | "unreadable";

const refusalKeys: Record<ImageRefusal, string> = {
  too_large: "photos.errors.tooLarge",
  not_image: "photos.errors.notImage",
  too_many_pixels: "photos.errors.tooManyPixels",
  unreadable: "photos.errors.unreadable",
};

/** The message ("key|{values}") for one refused file, naming it; the name is only ever shown. */
export function refusalMessage(reason: ImageRefusal, filename: string): string {
  return `${refusalKeys[reason]}|${JSON.stringify({
    file: filename.slice(0, 100) || "?",
    maxMb: MAX_IMAGE_BYTES / 1024 / 1024,
    maxMp: MAX_IMAGE_PIXELS / 1_000_000,
  })}`;
}

/** "Too many photos", saying how many more fit (none when the product has eight). */
export function tooManyMessage(room: number): string {
  return room <= 0
    ? `photos.errors.full|${JSON.stringify({ max: MAX_PRODUCT_PHOTOS })}`
    : `photos.errors.tooMany|${JSON.stringify({ max: MAX_PRODUCT_PHOTOS, count: room })}`;
}

/** The whole upload was larger than eight full-size photos could be. */
export const requestTooLargeMessage = `photos.errors.requestTooLarge|${JSON.stringify({
  count: MAX_PRODUCT_PHOTOS,
  maxMb: MAX_IMAGE_BYTES / 1024 / 1024,
})}`;
