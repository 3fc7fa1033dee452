/** The notification list's one form: marking what the reader has seen as read. */
import { z } from "zod";

export const markNoticesReadSchema = z.object({
  intent: z.literal("mark-all-read"),
  /** The newest notification on the page when it was shown. */
  upTo: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
