/**
 * Product photos through the model and the seller's routes: every file of an
 * upload is checked by its content before any is kept, photos are re-encoded
 * upright and without metadata, positions stay 0..n-1 with the first as the
 * cover, and only the seller's own products can be touched.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageParts } from "~/domain/messages";
import { i18nFor } from "~/i18n/i18n.server";
import { createSession } from "~/models/auth.server";
import {
  addProductImages,
  makeCover,
  moveImage,
  processProductImage,
  removeProductImage,
  type ProcessedImage,
} from "~/models/product-images.server";
import {
  auditLog,
  memberships,
  organisations,
  productEvents,
  productImages,
  products,
  users,
} from "../../db/schema";
import { storeUpload } from "~/models/uploads.server";
import { refreshDemoPhotos } from "../../db/seed/seed";
import { freshDatabase } from "../setup/database";

const uploads = mkdtempSync(join(tmpdir(), "fdx-uploads-"));
process.env.UPLOAD_DIR = uploads;

const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db } = seeded;
afterAll(() => seeded.sqlite.close());

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}
const routes: Record<"page" | "upload" | "media", RouteModule> = {
  page: {},
  upload: {},
  media: {},
};
const cookies: Record<"coop" | "other" | "unit", string> = { coop: "", other: "", unit: "" };

const userByEmail = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;
const coopUser = userByEmail("coop@example.com");
const coopOrgId = db.select().from(memberships).where(eq(memberships.userId, coopUser.id)).get()!
  .orgId;
const coopProducts = db
  .select({ id: products.id })
  .from(products)
  .where(eq(products.sellerId, coopOrgId))
  .orderBy(asc(products.id))
  .all()
  .map((p) => p.id);
const actor = { userId: coopUser.id, orgId: coopOrgId, ip: "" };

beforeAll(async () => {
  routes.page = await import("~/routes/seller.products.$id.photos");
  routes.upload = await import("~/routes/seller.products.$id.photos.upload");
  routes.media = await import("~/routes/media.products.$key");
  const { sessionCookie } = await import("~/auth/session.server");
  // A second cooperative's admin: the other tenant.
  const otherOrg = db
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.side, "seller"),
        eq(organisations.status, "approved"),
        ne(organisations.id, coopOrgId),
      ),
    )
    .get()!;
  const other = db
    .insert(users)
    .values({ email: "other-seller@example.com", name: "别社长", passwordHash: "x" })
    .returning()
    .get();
  db.insert(memberships)
    .values({ userId: other.id, orgId: otherOrg.id, role: "seller_admin", status: "approved" })
    .run();
  const sessions = {
    coop: { userId: coopUser.id, orgId: coopOrgId },
    other: { userId: other.id, orgId: otherOrg.id },
    unit: {
      userId: userByEmail("unit@example.com").id,
      orgId: db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, userByEmail("unit@example.com").id))
        .get()!.orgId,
    },
  };
  for (const [who, s] of Object.entries(sessions)) {
    const id = createSession(db, { userId: s.userId, actingOrgId: s.orgId, ip: "", userAgent: "" });
    cookies[who as keyof typeof cookies] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
});

/** A JPEG drawn by sharp: red on the left half, blue on the right. */
async function jpeg(
  width: number,
  height: number,
  options: { orientation?: number; gps?: boolean } = {},
): Promise<Buffer> {
  const left = await sharp({
    create: { width: Math.ceil(width / 2), height, channels: 3, background: "#ff0000" },
  })
    .png()
    .toBuffer();
  let image = sharp({ create: { width, height, channels: 3, background: "#0000ff" } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 90 });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  if (options.gps) {
    image = image.withExif({
      IFD0: { Make: "DingxiPhone" },
      IFD3: { GPSMapDatum: "WGS-84-MINXIAN" },
    });
  }
  return image.toBuffer();
}

const svgWithScript = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);
/** The start of a Linux executable, as if renamed to a photo. */
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096)]);

function storedFiles(): string[] {
  const dir = join(uploads, "products");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function photos(productId: number) {
  return db
    .select({ id: productImages.id, position: productImages.position, src: productImages.src })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position))
    .all();
}

const positions = (productId: number) => photos(productId).map((p) => p.position);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function processed(width = 640, height = 480): Promise<ProcessedImage> {
  const result = await processProductImage(await jpeg(width, height));
  if (!result.ok) throw new Error(result.reason);
  return result.image;
}

/** What a handler answered: its status and JSON body, or a thrown Response's status. */
async function call(
  route: keyof typeof routes,
  kind: "loader" | "action",
  options: {
    who?: keyof typeof cookies;
    params: Record<string, string>;
    body?: FormData | URLSearchParams;
    url?: string;
  },
): Promise<{ status: number; body: Record<string, unknown> | null; response: Response | null }> {
  const headers = new Headers({ "Accept-Language": "en" });
  if (options.who) headers.set("Cookie", cookies[options.who]);
  const request = new Request(options.url ?? "http://localhost/x", {
    method: kind === "action" ? "POST" : "GET",
    headers,
    body: options.body,
  });
  try {
    const result = await routes[route][kind]!({ request, params: options.params, context: {} });
    if (!(result instanceof Response))
      return { status: 200, body: result as Record<string, unknown>, response: null };
    const type = result.headers.get("Content-Type") ?? "";
    const body = type.includes("json") ? ((await result.json()) as Record<string, unknown>) : null;
    return { status: result.status, body, response: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, response: thrown };
    throw thrown;
  }
}

function upload(files: { name: string; bytes: Uint8Array; type?: string }[]): FormData {
  const form = new FormData();
  for (const file of files) {
    form.append(
      "photos",
      new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? "image/jpeg" }),
    );
  }
  return form;
}

const fieldErrors = (body: Record<string, unknown> | null) =>
  ((body?.fieldErrors as Record<string, string[]> | undefined)?.photos ?? []).map((message) =>
    messageParts(message),
  );

/** How the page shows a field error, in English and Chinese. */
function shown(message: { key: string; values: Record<string, unknown> }) {
  return {
    en: i18nFor("en").t(message.key, message.values),
    zh: i18nFor("zh-CN").t(message.key, message.values),
  };
}

describe("processing a phone photo", () => {
  it("turns it upright, resizes it into WebP and drops every piece of metadata", async () => {
    // 3000×2000 as stored, but EXIF orientation 6: the phone was held upright.
    const original = await jpeg(3000, 2000, { orientation: 6, gps: true });
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString("latin1")).toContain("WGS-84-MINXIAN");

    const result = await processProductImage(original);
    if (!result.ok) throw new Error(result.reason);
    const { large, thumb } = result.image;
    expect([large.width, large.height]).toEqual([800, 1200]);
    expect([thumb.width, thumb.height]).toEqual([400, 600]);
    for (const output of [large, thumb]) {
      const meta = await sharp(output.bytes).metadata();
      expect(meta.format).toBe("webp");
      expect([meta.width, meta.height]).toEqual([output.width, output.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(output.bytes.toString("latin1")).not.toContain("WGS-84-MINXIAN");
      expect(output.bytes.byteLength).toBeLessThan(300 * 1024);
    }
    // The stored left half (red) is now on top.
    const top = await sharp(large.bytes)
      .extract({ left: 400, top: 20, width: 1, height: 1 })
      .raw()
      .toBuffer();
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
  });

  it("never enlarges a small photo", async () => {
    const result = await processProductImage(await jpeg(300, 200));
    if (!result.ok) throw new Error(result.reason);
    expect([result.image.large.width, result.image.large.height]).toEqual([300, 200]);
    expect(result.image.thumb.width).toBe(300);
  });

  it("accepts PNG and WebP too", async () => {
    const base = sharp({ create: { width: 50, height: 40, channels: 3, background: "#336699" } });
    for (const bytes of [
      await base.clone().png().toBuffer(),
      await base.clone().webp().toBuffer(),
    ]) {
      const result = await processProductImage(bytes);
      expect(result.ok).toBe(true);
    }
  });

  it("refuses what is not an image by content, a decompression bomb and a damaged file", async () => {
    expect(await processProductImage(svgWithScript)).toEqual({ ok: false, reason: "not_image" });
    expect(await processProductImage(elf)).toEqual({ ok: false, reason: "not_image" });
    expect(await processProductImage(Buffer.from("%PDF-1.7\n"))).toEqual({
      ok: false,
      reason: "not_image",
    });

    // A small PNG whose header claims 20000×20000 pixels: refused before decoding.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(20_000, 16);
    bomb.writeUInt32BE(20_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect(await processProductImage(bomb)).toEqual({ ok: false, reason: "too_many_pixels" });

    const truncated = (await jpeg(200, 200)).subarray(0, 300);
    expect(await processProductImage(truncated)).toEqual({ ok: false, reason: "unreadable" });
  });
});

/** PNG's chunk checksum (CRC-32), to keep the forged header well-formed. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("uploading through the page", () => {
  const productId = coopProducts[0]!;
  const params = { id: String(productId) };

  it("stores the photos under generated names and appends them after the cover", async () => {
    const before = photos(productId);
    expect(before).toHaveLength(1);
    const result = await call("page", "action", {
      who: "coop",
      params,
      body: upload([
        { name: "IMG_0001.jpg", bytes: await jpeg(1600, 1200, { gps: true }) },
        { name: "../../etc/passwd.jpg", bytes: await jpeg(800, 600) },
      ]),
    });
    expect(result.status).toBe(200);
    expect(result.body?.message).toBe("2 photos added.");
    const after = photos(productId);
    expect(after.map((p) => p.position)).toEqual([0, 1, 2]);
    expect(after[0]!.src).toBe(before[0]!.src); // the cover stays
    for (const photo of after.slice(1)) {
      expect(photo.src).toMatch(/^\/media\/products\/[0-9a-f-]{36}-1200\.webp$/);
    }
    expect(storedFiles()).toHaveLength(6); // original, large and thumbnail of each
    expect(storedFiles().some((name) => name.includes("passwd"))).toBe(false);

    const events = db
      .select()
      .from(productEvents)
      .where(and(eq(productEvents.productId, productId), eq(productEvents.kind, "photos_added")))
      .all();
    expect(events).toHaveLength(1);
    const audit = db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "product.photos_added"), eq(auditLog.targetId, String(productId))),
      )
      .all();
    expect(audit).toHaveLength(1);
  });

  it("serves the re-encoded files publicly, and never the original", async () => {
    const photo = photos(productId)[1]!;
    const key = photo.src.split("/").pop()!;
    const served = await call("media", "loader", { params: { key } });
    expect(served.status).toBe(200);
    expect(served.response!.headers.get("Content-Type")).toBe("image/webp");
    expect(served.response!.headers.get("Cache-Control")).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(served.response!.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const bytes = Buffer.from(await served.response!.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();

    const row = db.select().from(productImages).where(eq(productImages.id, photo.id)).get()!;
    expect(row.originalKey).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    expect(storedFiles()).toContain(row.originalKey);
    expect((await call("media", "loader", { params: { key: row.originalKey! } })).status).toBe(404);
    for (const bad of [
      "../../../etc/passwd",
      "x.webp",
      `${key}.svg`,
      key.replace("-1200", "-99"),
    ]) {
      expect((await call("media", "loader", { params: { key: bad } })).status).toBe(404);
    }
  });

  it("refuses a file over 10 MB with a translated field error and keeps nothing", async () => {
    const files = storedFiles();
    const count = photos(productId).length;
    const big = Buffer.concat([await jpeg(100, 100), Buffer.alloc(10 * 1024 * 1024)]);
    const result = await call("page", "action", {
      who: "coop",
      params,
      body: upload([
        { name: "small.jpg", bytes: await jpeg(100, 100) },
        { name: "big.jpg", bytes: big },
      ]),
    });
    expect(result.status).toBe(400);
    const errors = fieldErrors(result.body);
    expect(errors).toHaveLength(1);
    expect(shown(errors[0]!)).toEqual({
      en: "“big.jpg” is larger than 10 MB.",
      zh: "“big.jpg”超过 10 MB。",
    });
    expect(photos(productId)).toHaveLength(count);
    expect(storedFiles()).toEqual(files);
  });

  it("refuses an SVG with script and a renamed executable, even beside a good photo", async () => {
    const files = storedFiles();
    const count = photos(productId).length;
    const result = await call("page", "action", {
      who: "coop",
      params,
      body: upload([
        { name: "good.jpg", bytes: await jpeg(400, 300) },
        { name: "logo.svg", bytes: svgWithScript, type: "image/svg+xml" },
        { name: "holiday.jpg", bytes: elf },
      ]),
    });
    expect(result.status).toBe(400);
    const errors = fieldErrors(result.body);
    expect(errors.map((e) => [e.key, e.values.file])).toEqual([
      ["photos.errors.notImage", "logo.svg"],
      ["photos.errors.notImage", "holiday.jpg"],
    ]);
    expect(shown(errors[0]!).en).toBe(
      "“logo.svg” is not a JPEG, PNG or WebP photo (checked by its content, not its name).",
    );
    expect(photos(productId)).toHaveLength(count);
    expect(storedFiles()).toEqual(files);
  });

  it("asks for a photo when none was chosen", async () => {
    const form = new FormData();
    form.append("photos", new File([], "", { type: "application/octet-stream" }));
    const result = await call("page", "action", { who: "coop", params, body: form });
    expect(result.status).toBe(400);
    expect(fieldErrors(result.body).map((e) => e.key)).toEqual(["photos.errors.required"]);
  });

  it("answers the page's script as JSON from the upload endpoint", async () => {
    const count = photos(productId).length;
    const result = await call("upload", "action", {
      who: "coop",
      params,
      body: upload([
        {
          name: "phone.png",
          bytes: await sharp(await jpeg(300, 300))
            .png()
            .toBuffer(),
        },
      ]),
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ fieldErrors: {}, message: "1 photo added." });
    expect(positions(productId)).toEqual(range(count + 1));
  });
});

describe("eight photos at most", () => {
  const productId = coopProducts[1]!;
  const params = { id: String(productId) };

  it("says how many more fit, then refuses a ninth", async () => {
    const image = await processed();
    expect(
      addProductImages(db, { sellerId: coopOrgId, productId, images: Array(6).fill(image), actor }),
    ).toMatchObject({ ok: true });
    expect(positions(productId)).toEqual(range(7));

    const three = await call("page", "action", {
      who: "coop",
      params,
      body: upload([1, 2, 3].map((n) => ({ name: `${n}.jpg`, bytes: image.original }))),
    });
    expect(three.status).toBe(400);
    const [tooMany] = fieldErrors(three.body);
    expect(shown(tooMany!).en).toBe(
      "Too many photos: a product has at most 8, so only 1 more fits.",
    );
    expect(positions(productId)).toEqual(range(7));

    const eighth = await call("page", "action", {
      who: "coop",
      params,
      body: upload([{ name: "8.jpg", bytes: image.original }]),
    });
    expect(eighth.status).toBe(200);
    expect(positions(productId)).toEqual(range(8));

    const files = storedFiles();
    const ninth = await call("page", "action", {
      who: "coop",
      params,
      body: upload([{ name: "9.jpg", bytes: image.original }]),
    });
    expect(ninth.status).toBe(400);
    expect(fieldErrors(ninth.body).map((e) => e.key)).toEqual(["photos.errors.full"]);
    expect(
      addProductImages(db, { sellerId: coopOrgId, productId, images: [image], actor }),
    ).toEqual({ ok: false, reason: "too_many", room: 0 });
    expect(positions(productId)).toEqual(range(8));
    expect(storedFiles()).toEqual(files);
  });
});

describe("ordering and removing", () => {
  const productId = coopProducts[2]!;
  const params = { id: String(productId) };
  const intent = (name: string, imageId: number) =>
    call("page", "action", {
      who: "coop",
      params,
      body: new URLSearchParams({ intent: name, imageId: String(imageId) }),
    });

  it("keeps positions 0..n-1 with the first as the cover", async () => {
    const image = await processed();
    addProductImages(db, { sellerId: coopOrgId, productId, images: [image, image, image], actor });
    const [a, b, c, d] = photos(productId).map((p) => p.id);

    expect((await intent("cover", c!)).status).toBe(200);
    expect(photos(productId).map((p) => p.id)).toEqual([c, a, b, d]);
    expect((await intent("up", d!)).body?.message).toBe("The photo has been moved up.");
    expect(photos(productId).map((p) => p.id)).toEqual([c, a, d, b]);
    expect((await intent("down", c!)).status).toBe(200);
    expect(photos(productId).map((p) => p.id)).toEqual([a, c, d, b]);
    // Moving the first up or the last down changes nothing.
    expect(
      moveImage(db, { sellerId: coopOrgId, productId, imageId: a!, direction: "up", actor }),
    ).toEqual({ ok: true });
    expect(makeCover(db, { sellerId: coopOrgId, productId, imageId: a!, actor })).toEqual({
      ok: true,
    });
    expect(photos(productId).map((p) => p.id)).toEqual([a, c, d, b]);
    expect(positions(productId)).toEqual(range(4));

    // Removing the cover makes the next one the cover; its files go too.
    const files = storedFiles();
    const removed = db.select().from(productImages).where(eq(productImages.id, c!)).get()!;
    expect((await intent("remove", a!)).status).toBe(200);
    expect((await intent("remove", c!)).status).toBe(200);
    expect(photos(productId).map((p) => p.id)).toEqual([d, b]);
    expect(positions(productId)).toEqual(range(2));
    expect(storedFiles()).toHaveLength(files.length - 3);
    expect(storedFiles()).not.toContain(removed.originalKey);

    const kinds = db
      .select({ kind: productEvents.kind })
      .from(productEvents)
      .where(eq(productEvents.productId, productId))
      .all()
      .map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "photos_added",
        "cover_changed",
        "photos_reordered",
        "photo_removed",
      ]),
    );
  });

  it("keeps the last photo of a product on sale", async () => {
    const [d, b] = photos(productId).map((p) => p.id);
    expect((await intent("remove", d!)).status).toBe(200);
    const last = await intent("remove", b!);
    expect(last.status).toBe(409);
    expect(last.body?.alert).toBe(
      "A product on sale keeps at least one photo: add another before deleting this one.",
    );
    expect(positions(productId)).toEqual([0]);
  });

  it("refuses an unknown intent or a photo of another product", async () => {
    const [mine] = photos(productId).map((p) => p.id);
    expect((await intent("rotate", mine!)).status).toBe(400);
    const elsewhere = photos(coopProducts[0]!)[0]!.id;
    expect((await intent("cover", elsewhere)).status).toBe(404);
  });
});

describe("who may change photos", () => {
  const productId = coopProducts[3]!;
  const params = { id: String(productId) };

  it("answers 404 to another seller, who changes nothing", async () => {
    const before = photos(productId);
    const files = storedFiles();
    const photo = upload([{ name: "x.jpg", bytes: await jpeg(200, 200) }]);
    expect((await call("page", "loader", { who: "other", params })).status).toBe(404);
    expect((await call("page", "action", { who: "other", params, body: photo })).status).toBe(404);
    expect(
      (
        await call("upload", "action", {
          who: "other",
          params,
          body: upload([{ name: "x.jpg", bytes: await jpeg(200, 200) }]),
        })
      ).status,
    ).toBe(404);
    for (const name of ["remove", "cover", "down"]) {
      const result = await call("page", "action", {
        who: "other",
        params,
        body: new URLSearchParams({ intent: name, imageId: String(before[0]!.id) }),
      });
      expect(result.status).toBe(404);
    }
    const otherSeller = db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, userByEmail("other-seller@example.com").id))
      .get()!.orgId;
    expect(
      removeProductImage(db, {
        sellerId: otherSeller,
        productId,
        imageId: before[0]!.id,
        actor: { ...actor, orgId: otherSeller },
      }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(
      addProductImages(db, {
        sellerId: otherSeller,
        productId,
        images: [await processed()],
        actor: { ...actor, orgId: otherSeller },
      }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(photos(productId)).toEqual(before);
    expect(storedFiles()).toEqual(files);
  });

  it("answers 403 to a buyer", async () => {
    expect((await call("page", "loader", { who: "unit", params })).status).toBe(403);
    const body = new URLSearchParams({ intent: "cover", imageId: "1" });
    expect((await call("page", "action", { who: "unit", params, body })).status).toBe(403);
  });

  it("shows the seller the photos, the cover first", async () => {
    const page = await call("page", "loader", { who: "coop", params });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      editable: true,
      room: 7,
      images: [{ id: photos(productId)[0]!.id, src: photos(productId)[0]!.src }],
    });
  });

  it("changes nothing while the product is in review", async () => {
    const reviewed = coopProducts[4]!;
    db.update(products).set({ status: "submitted" }).where(eq(products.id, reviewed)).run();
    const before = photos(reviewed);
    const result = await call("page", "action", {
      who: "coop",
      params: { id: String(reviewed) },
      body: upload([{ name: "x.jpg", bytes: await jpeg(200, 200) }]),
    });
    expect(result.status).toBe(409);
    expect(result.body?.alert).toBe(
      "The product is in review, so its photos cannot be changed. Withdraw it from review first.",
    );
    const remove = await call("page", "action", {
      who: "coop",
      params: { id: String(reviewed) },
      body: new URLSearchParams({ intent: "remove", imageId: String(before[0]!.id) }),
    });
    expect(remove.status).toBe(409);
    expect(photos(reviewed)).toEqual(before);
  });
});

describe("photo addresses cached for good", () => {
  const immutable = "public, max-age=31536000, immutable";
  const keyOf = (src: string) => src.slice("/media/products/".length);
  // A listed product of a cooperative the other tests leave alone.
  const product = db
    .select({ id: products.id, sellerId: products.sellerId })
    .from(products)
    .where(and(ne(products.sellerId, coopOrgId), eq(products.status, "listed")))
    .orderBy(desc(products.id))
    .get()!;
  const owner = { userId: coopUser.id, orgId: product.sellerId, ip: "" };
  const cover = (productId: number) => photos(productId)[0]!;

  it("serves the drawn demo pictures by a content-hashed name, immutable", async () => {
    const { src } = cover(product.id);
    expect(src).toMatch(/^\/media\/products\/demo-[a-z0-9-]+\.[0-9a-f]{16}\.webp$/);
    const served = await call("media", "loader", { params: { key: keyOf(src) } });
    expect(served.status).toBe(200);
    expect(served.response!.headers.get("Content-Type")).toBe("image/webp");
    expect(served.response!.headers.get("Cache-Control")).toBe(immutable);
    const file = /demo-([a-z0-9-]+)\./.exec(src)![1]!;
    expect(Buffer.from(await served.response!.arrayBuffer())).toEqual(
      readFileSync(resolve("public/images/demo", `${file}.webp`)),
    );
    // A name whose hash is not the file's content (an older drawing) serves nothing.
    const stale = keyOf(src).replace(/\.[0-9a-f]{16}\./, ".0123456789abcdef.");
    for (const bad of [stale, "demo-..%2F..%2Fpackage.0123456789abcdef.webp", "demo-x.webp"]) {
      expect((await call("media", "loader", { params: { key: bad } })).status).toBe(404);
    }
  });

  it("never serves an uploaded original, even one whose name ends in digits", async () => {
    const key = "00000000-0000-4000-8000-000000000001.jpg";
    storeUpload("products", await jpeg(40, 40, { gps: true }), "jpg", key);
    expect((await call("media", "loader", { params: { key } })).status).toBe(404);
  });

  it("gives a replaced photo a new address, and the old upload's address serves nothing", async () => {
    const first = addProductImages(db, {
      sellerId: product.sellerId,
      productId: product.id,
      images: [await processed(300, 200)],
      actor: owner,
    });
    if (!first.ok) throw new Error(first.reason);
    const demoCover = cover(product.id);
    makeCover(db, {
      sellerId: product.sellerId,
      productId: product.id,
      imageId: first.ids[0]!,
      actor: owner,
    });
    removeProductImage(db, {
      sellerId: product.sellerId,
      productId: product.id,
      imageId: demoCover.id,
      actor: owner,
    });
    const uploaded = cover(product.id).src;
    expect(uploaded).not.toBe(demoCover.src);

    // The seller replaces that photo with another one.
    const second = addProductImages(db, {
      sellerId: product.sellerId,
      productId: product.id,
      images: [await processed(320, 240)],
      actor: owner,
    });
    if (!second.ok) throw new Error(second.reason);
    const replaced = photos(product.id)[0]!;
    removeProductImage(db, {
      sellerId: product.sellerId,
      productId: product.id,
      imageId: replaced.id,
      actor: owner,
    });
    const now = cover(product.id).src;
    expect(now).not.toBe(uploaded);
    expect(now).toMatch(/^\/media\/products\/[0-9a-f-]{36}-1200\.webp$/);
    const served = await call("media", "loader", { params: { key: keyOf(now) } });
    expect(served.response!.headers.get("Cache-Control")).toBe(immutable);
    expect((await call("media", "loader", { params: { key: keyOf(uploaded) } })).status).toBe(404);
  });

  it("moves a demo photo to its picture's current address when the picture changed, once", () => {
    const row = db
      .select()
      .from(productImages)
      .where(eq(productImages.src, cover(coopProducts[1]!).src))
      .get()!;
    const current = { src: row.src, thumbSrc: row.thumbSrc };
    const name = /demo-([a-z0-9-]+)\./.exec(row.src)![1]!;
    // Seeded before addresses were content-addressed, and after a redrawing.
    db.update(productImages)
      .set({
        src: `/images/demo/${name}.webp`,
        thumbSrc: current.thumbSrc.replace(/\.[0-9a-f]{16}\./, ".0123456789abcdef."),
      })
      .where(eq(productImages.id, row.id))
      .run();
    expect(refreshDemoPhotos(seeded)).toBe(1);
    expect(db.select().from(productImages).where(eq(productImages.id, row.id)).get()).toMatchObject(
      current,
    );
    expect(refreshDemoPhotos(seeded)).toBe(0);
  });
});
