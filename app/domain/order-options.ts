/** What a buyer may say an order is for; kept apart from zod so page bundles stay small. */
export const purposes = [
  "canteen",
  "staff_welfare",
  "holiday_gifts",
  "event",
  "resale",
  "other",
] as const;
export type Purpose = (typeof purposes)[number];
