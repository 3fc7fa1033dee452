/** Organisation types and roles: plain constants the schema, rules and pages share. */
export const organisationTypes = [
  "budget_unit",
  "trade_union",
  "enterprise",
  "cooperative",
  "family_farm",
  "office",
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const roles = [
  "purchaser",
  "approver",
  "seller_admin",
  "seller_staff",
  "office_staff",
  "office_admin",
] as const;
export type Role = (typeof roles)[number];
