/**
 * Files attached to orders: a photo of the goods and a transfer slip that is
 * an image are stored re-encoded in their own format, upright and without
 * any metadata (a phone's photo says where and when it was taken); a PDF is
 * stored as it came.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { uploadPath } from "~/models/uploads.server";
import { readOrderUpload } from "~/utils/order-upload.server";

process.env.UPLOAD_DIR = mkdtempSync(join(tmpdir(), "fdx-order-uploads-"));

const GPS = { GPSLatitudeRef: "N", GPSLatitude: "35/1 1/1 12/1", GPSMapDatum: "WGS-84-MINXIAN" };

/** A 300×200 image as stored, with EXIF orientation 6 (the phone was held upright) and GPS. */
function phonePhoto(format: "jpeg" | "png" | "webp"): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: "#3a7d44" } })
    [format]()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: "DingxiPhone", Orientation: "6" }, IFD3: GPS })
    .toBuffer();
}

function uploadRequest(field: string, name: string, bytes: Uint8Array, intent: string): Request {
  const form = new FormData();
  form.set("intent", intent);
  form.set(field, new File([new Uint8Array(bytes)], name));
  return new Request("http://localhost/buyer/orders/1", { method: "POST", body: form });
}

async function stored(field: string, kind: "document" | "image", name: string, bytes: Buffer) {
  const upload = await readOrderUpload(uploadRequest(field, name, bytes, "accept"), {
    [field]: kind,
  });
  if (!upload.ok || !upload.file) throw new Error(`refused: ${JSON.stringify(upload)}`);
  return { file: upload.file, bytes: readFileSync(uploadPath("orders", upload.file.key)!) };
}

describe("order uploads that are images", () => {
  it("keep no EXIF, GPS or other metadata, and are turned upright", async () => {
    const cases = [
      { field: "photo", kind: "image", format: "jpeg", type: "image/jpeg", ext: "jpg" },
      { field: "photo", kind: "image", format: "png", type: "image/png", ext: "png" },
      { field: "photo", kind: "image", format: "webp", type: "image/webp", ext: "webp" },
      { field: "slip", kind: "document", format: "jpeg", type: "image/jpeg", ext: "jpg" },
      { field: "slip", kind: "document", format: "png", type: "image/png", ext: "png" },
    ] as const;
    for (const c of cases) {
      const original = await phonePhoto(c.format);
      const before = await sharp(original).metadata();
      expect(before.exif?.toString("latin1"), c.format).toContain("WGS-84-MINXIAN");
      expect(before.orientation, c.format).toBe(6);

      const { file, bytes } = await stored(c.field, c.kind, `IMG_0001.${c.ext}`, original);
      expect(file.type).toBe(c.type);
      expect(file.key.endsWith(`.${c.ext}`)).toBe(true);
      const after = await sharp(bytes).metadata();
      expect(after.format, `${c.field} ${c.format}`).toBe(c.format);
      expect(after.exif, `${c.field} ${c.format}`).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(bytes.toString("latin1")).not.toContain("WGS-84-MINXIAN");
      expect(bytes.toString("latin1")).not.toContain("DingxiPhone");
      // Upright: the 300×200 picture taken in portrait is stored 200×300.
      expect([after.width, after.height]).toEqual([200, 300]);
    }
  });

  it("store a PDF slip byte for byte", async () => {
    const pdf = Buffer.from("%PDF-1.4\n% a transfer slip\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const { file, bytes } = await stored("slip", "document", "slip.pdf", pdf);
    expect(file.type).toBe("application/pdf");
    expect(bytes.equals(pdf)).toBe(true);
  });

  it("refuse an image that does not decode as what its first bytes claim", async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
    const photo = await readOrderUpload(uploadRequest("photo", "a.jpg", broken, "accept"), {
      photo: "image",
    });
    expect(photo).toMatchObject({ ok: false, field: "photo", error: "forms.imageType" });
    const slip = await readOrderUpload(uploadRequest("slip", "a.jpg", broken, "slip"), {
      slip: "document",
    });
    expect(slip).toMatchObject({ ok: false, field: "slip", error: "forms.evidenceType" });
  });
});
