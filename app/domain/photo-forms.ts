/**
 * The small forms of a product's photo page: one button per action and
 * photo. The upload is the multipart form, read apart
 * (utils/photo-upload.server); its messages are in photo-messages.ts, which
 * the page's script also uses, so that this file (and zod) stays on the server.
 */
import { z } from "zod";

export const photoIntents = ["cover", "up", "down", "remove"] as const;
export type PhotoIntent = (typeof photoIntents)[number];

export const photoActionSchema = z.object({
  intent: z.enum(photoIntents, { error: "forms.invalid" }),
  imageId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
