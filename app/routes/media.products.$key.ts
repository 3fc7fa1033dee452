import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/i18n/i18n.server";
import { readServedPhoto } from "~/models/product-images.server";

/**
 * Product photos for the storefront, public and cached for good: an address
 * never changes its bytes. An upload always gets a new generated name, and a
 * drawn demo picture's name carries its content hash. Only the re-encoded
 * sizes of an upload are served: the original may still carry the phone's
 * EXIF, GPS position included, so it never leaves the server.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const notFound = async () => {
    const { t } = await getTranslator(request);
    return new Response(t("photos.missing"), { status: 404 });
  };
  const bytes = await readServedPhoto(params.key ?? "");
  if (!bytes) throw await notFound();
  return new Response(bytes, {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
