/**
 * Who may do what. Permissions are strings "action:entity:scope"; "own-org"
 * means the organisation the person acts for, "any" means every organisation
 * (office only). Guards on the server check these; the UI only hides.
 */
import type { OrganisationType, Role } from "../../db/schema";

export const permissions = [
  "view:org:own-org",
  "edit:org:own-org",
  "manage:members:own-org",
  "create:order:own-org",
  "view:order:own-org",
  "approve:order:own-org",
  "set:approval-threshold:own-org",
  "manage:product:own-org",
  "fulfil:order:own-org",
  "view:office:any",
  "review:organisation:any",
  "view:audit:any",
  "manage:user:any",
  "record:sale:any",
  "verify:sale:any",
  "view:ledger:any",
  "set:targets:any",
  "record:purchase:own-org",
  "review:certification:any",
  "manage:order:any",
] as const;
export type Permission = (typeof permissions)[number];

const purchaser: Permission[] = [
  "view:org:own-org",
  "create:order:own-org",
  "view:order:own-org",
  "record:purchase:own-org",
];
const sellerStaff: Permission[] = [
  "view:org:own-org",
  "manage:product:own-org",
  "view:order:own-org",
  "fulfil:order:own-org",
];
const officeStaff: Permission[] = [
  "view:org:own-org",
  "view:office:any",
  "review:organisation:any",
  "review:certification:any",
  "manage:order:any",
  "view:audit:any",
  "record:sale:any",
  "verify:sale:any",
  "view:ledger:any",
];

const rolePermissions: Record<Role, readonly Permission[]> = {
  purchaser,
  approver: [
    ...purchaser,
    "approve:order:own-org",
    "set:approval-threshold:own-org",
    "manage:members:own-org",
    "edit:org:own-org",
  ],
  seller_staff: sellerStaff,
  seller_admin: [...sellerStaff, "manage:members:own-org", "edit:org:own-org"],
  office_staff: officeStaff,
  office_admin: [...officeStaff, "manage:user:any", "manage:members:own-org", "set:targets:any"],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export type OrganisationSide = "buyer" | "seller" | "office";

/** Organisation types a side may register as (an enterprise may buy or sell). */
export function typesForSide(side: OrganisationSide): readonly OrganisationType[] {
  if (side === "buyer") return ["budget_unit", "trade_union", "enterprise"];
  if (side === "seller") return ["cooperative", "enterprise", "family_farm"];
  return ["office"];
}

/** Roles a person may hold in an organisation of this side. */
export function rolesForSide(side: OrganisationSide): readonly Role[] {
  if (side === "buyer") return ["purchaser", "approver"];
  if (side === "seller") return ["seller_admin", "seller_staff"];
  return ["office_staff", "office_admin"];
}

/** The role of whoever founds an organisation: its first admin. */
export function founderRole(side: OrganisationSide): Role {
  if (side === "buyer") return "approver";
  if (side === "seller") return "seller_admin";
  return "office_admin";
}

/** The area of the site a side works in. */
export function areaOfSide(side: OrganisationSide): "/buyer" | "/seller" | "/office" {
  return side === "buyer" ? "/buyer" : side === "seller" ? "/seller" : "/office";
}
