/**
 * The office's own product form beside the certification decision
 * (certificationDecisionSchema in product-forms.ts): taking a product off
 * sale, always with a reason the seller reads.
 */
import { z } from "zod";
import { requiredText } from "./forms";

export const officeDelistSchema = z.object({
  intent: z.literal("delist"),
  reason: requiredText(500),
});

/** What the review pages' actions answer; `certificationId` says which item's form it was. */
export interface ReviewReply {
  fieldErrors: Record<string, string[]>;
  certificationId?: number;
  intent?: "approve" | "reject" | "delist";
  message?: string;
  alert?: string;
}
