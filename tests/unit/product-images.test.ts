import { describe, expect, it } from "vitest";
import {
  detectImageType,
  imageExtensionOf,
  MAX_IMAGE_BYTES,
  MAX_PRODUCT_PHOTOS,
} from "~/domain/file-types";
import { messageParts } from "~/domain/messages";
import { refusalMessage, tooManyMessage } from "~/domain/photo-messages";

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(
    values.flatMap((v) => (typeof v === "string" ? [...Buffer.from(v, "latin1")] : [v])),
  );

describe("detectImageType", () => {
  it("accepts JPEG, PNG and WebP by their first bytes", () => {
    expect(detectImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, "JFIF"))).toBe("image/jpeg");
    expect(detectImageType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, "IHDR"))).toBe(
      "image/png",
    );
    expect(detectImageType(bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses a renamed Linux or Windows executable", () => {
    expect(detectImageType(bytes(0x7f, "ELF", 2, 1, 1, 0, 0, 0, 0, 0))).toBeNull();
    expect(detectImageType(bytes("MZ", 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff))).toBeNull();
  });

  it("refuses SVG (it can carry script), PDF, other RIFF files and nothing at all", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(detectImageType(bytes(svg))).toBeNull();
    expect(detectImageType(bytes(`<?xml version="1.0"?>${svg}`))).toBeNull();
    expect(detectImageType(bytes("%PDF-1.7\n"))).toBeNull();
    expect(detectImageType(bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt "))).toBeNull();
    expect(detectImageType(new Uint8Array(0))).toBeNull();
    // A truncated signature is not enough.
    expect(detectImageType(bytes(0xff, 0xd8))).toBeNull();
    expect(detectImageType(bytes("RIFF"))).toBeNull();
  });

  it("names the stored file by the detected type", () => {
    expect(imageExtensionOf("image/jpeg")).toBe("jpg");
    expect(imageExtensionOf("image/png")).toBe("png");
    expect(imageExtensionOf("image/webp")).toBe("webp");
  });
});

describe("photo limits and messages", () => {
  it("allows eight photos of 10 MB", () => {
    expect(MAX_PRODUCT_PHOTOS).toBe(8);
    expect(MAX_IMAGE_BYTES).toBe(10 * 1024 * 1024);
  });

  it("names the refused file and the limit", () => {
    expect(messageParts(refusalMessage("too_large", "IMG_0001.jpg"))).toEqual({
      key: "photos.errors.tooLarge",
      values: { file: "IMG_0001.jpg", maxMb: 10, maxMp: 40 },
    });
    expect(messageParts(refusalMessage("not_image", "x".repeat(500))).values.file).toHaveLength(
      100,
    );
  });

  it("says how many more photos fit", () => {
    expect(messageParts(tooManyMessage(2))).toEqual({
      key: "photos.errors.tooMany",
      values: { max: 8, count: 2 },
    });
    expect(messageParts(tooManyMessage(0)).key).toBe("photos.errors.full");
  });
});
