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
