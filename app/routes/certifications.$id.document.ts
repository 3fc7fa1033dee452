import type { LoaderFunctionArgs } from "@remix-run/node";
import { existsSync, readFileSync } from "node:fs";
import { requireUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { extensionOf, type EvidenceType } from "~/domain/file-types";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { can } from "~/models/organisations.server";
import { getCertification } from "~/models/products.server";
import { uploadPath } from "~/models/uploads.server";

const documentTypes: readonly EvidenceType[] = ["application/pdf", "image/jpeg", "image/png"];

const isDocumentType = (type: string | null | undefined): type is EvidenceType =>
  documentTypes.some((known) => known === type);

/**
 * A certification's scan, for the office reviewing it and for the seller
 * whose product it is. Another seller gets 404, as if it did not exist, so
 * nobody learns which certificates others hold. Served as a download (a
 * sandboxed inline PDF will not open in Chrome's viewer), with the type found
 * in its content, never as anything a browser would run.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { t } = await getTranslator(request);
  const office = can(current.acting, "review:certification:any");
  const seller = can(current.acting, "manage:product:own-org");
  if (!office && !seller) throw new Response(t("auth.forbidden"), { status: 403 });
  const id = idParam.safeParse(params.id);
  const certification = id.success ? getCertification(db, id.data) : null;
  const visible = certification && (office || certification.sellerId === current.acting?.orgId);
  const type = certification?.documentType;
  const path = certification?.documentKey
    ? uploadPath("certificates", certification.documentKey)
    : null;
  if (!visible || !path || !isDocumentType(type) || !existsSync(path))
    throw new Response(t("certReview.notFound"), { status: 404 });
  return new Response(readFileSync(path), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="certificate-${certification.id}.${extensionOf(type)}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
