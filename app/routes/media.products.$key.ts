import type { LoaderFunctionArgs } from "@remix-run/node";
import { readFile } from "node:fs/promises";
import { getTranslator } from "~/i18n/i18n.server";
import { uploadPath } from "~/models/uploads.server";

const contentTypes: Record<string, string> = {
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
};

/**
 * Product photos for the storefront, public and cached for good (a new
 * photo always gets a new name). Only the re-encoded sizes ("<uuid>-1200.webp",
 * "<uuid>-400.webp") are served: the uploaded original may still carry the
 * phone's EXIF, GPS position included, so it never leaves the server.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const notFound = async () => {
    const { t } = await getTranslator(request);
    return new Response(t("photos.missing"), { status: 404 });
  };
  const key = params.key ?? "";
  const path = /-\d+\.\w+$/.test(key) ? uploadPath("products", key) : null;
  const type = contentTypes[key.split(".").pop() ?? ""];
  if (!path || !type) throw await notFound();
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) throw await notFound();
  return new Response(bytes, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
