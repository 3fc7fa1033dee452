/**
 * Organisations and memberships: applying, the office's review, members'
 * approval by their organisation's admin, and the acting organisation. Nothing
 * an unapproved organisation or membership does counts: guards require both.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { memberships, organisations, users, type Role } from "../../db/schema";
import {
  founderRole,
  roleHasPermission,
  rolesForSide,
  type OrganisationSide,
  type Permission,
} from "~/domain/permissions";
import type { OrganisationApplication } from "~/domain/organisation-forms";
import { recordAudit } from "./audit.server";
import { hashPassword, normaliseEmail } from "./auth.server";

/** A domain refusal the form can show next to a field. */
export class FormRefusal extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

export interface Person {
  name: string;
  email: string;
  phone: string;
  password: string;
}

/** A person whose password is already hashed (a confirmed sign-up). */
export type HashedPerson = Omit<Person, "password"> & { passwordHash: string };

interface Actor {
  userId: number;
  orgId: number | null;
  ip: string;
}

/** Whether an account uses this e-mail: only sign-up's confirmation and its mails may ask. */
export function emailTaken(db: DbLike, email: string): boolean {
  return Boolean(
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .get(),
  );
}

function insertUser(db: DbLike, person: HashedPerson): number {
  return db
    .insert(users)
    .values({
      name: person.name,
      email: normaliseEmail(person.email),
      phone: person.phone,
      passwordHash: person.passwordHash,
    })
    .returning({ id: users.id })
    .get().id;
}

/**
 * Throws the FormRefusal a new organisation's application meets (its credit
 * code taken, a trade union's parent unknown); else its parent's id, if any.
 */
export function checkOrganisationApplication(
  db: DbLike,
  org: OrganisationApplication,
): number | null {
  const existing = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.creditCode, org.creditCode))
    .get();
  if (existing) throw new FormRefusal("creditCode", "forms.creditCodeTaken");
  let parentId: number | null = null;
  if (org.type === "trade_union" && org.parentCreditCode) {
    const parent = db
      .select({ id: organisations.id, type: organisations.type })
      .from(organisations)
      .where(eq(organisations.creditCode, org.parentCreditCode))
      .get();
    if (!parent || parent.type !== "budget_unit") {
      throw new FormRefusal("parentCreditCode", "forms.parentUnknown");
    }
    parentId = parent.id;
  }
  return parentId;
}

function insertOrganisation(db: DbLike, org: OrganisationApplication): number {
  const parentId = checkOrganisationApplication(db, org);
  return db
    .insert(organisations)
    .values({
      side: org.side,
      type: org.type,
      nameZh: org.orgName,
      creditCode: org.creditCode,
      jurisdictionCode: org.side === "buyer" ? org.jurisdictionCode : null,
      countyCode: org.side === "seller" ? org.countyCode : null,
      parentId,
      status: "pending",
      contactName: org.contactName,
      contactPhone: org.contactPhone,
      address: org.address,
      bankName: org.bankName,
      bankAccountName: org.bankAccountName,
      bankAccountNumber: org.bankAccountNumber,
      mechanism: org.side === "seller" ? (org.mechanism ?? null) : null,
      peopleLifted: org.peopleLifted,
    })
    .returning({ id: organisations.id })
    .get().id;
}

/**
 * Creates a person's account and applies for a new organisation, which waits
 * for the office; the person becomes its first admin once it is approved.
 * Runs when a sign-up's e-mail is confirmed (`confirmSignUp`).
 */
export function createAccountWithOrganisation(
  db: DbLike,
  input: { person: HashedPerson; org: OrganisationApplication; ip: string },
): { userId: number; orgId: number } {
  return db.transaction((tx) => {
    if (emailTaken(tx, input.person.email)) throw new FormRefusal("email", "forms.emailTaken");
    const userId = insertUser(tx, input.person);
    const orgId = insertOrganisation(tx, input.org);
    tx.insert(memberships)
      .values({ userId, orgId, role: founderRole(input.org.side), status: "approved" })
      .run();
    recordAudit(tx, {
      actorUserId: userId,
      action: "organisation.applied",
      targetType: "organisation",
      targetId: String(orgId),
      ip: input.ip,
      newValue: { name: input.org.orgName, creditCode: input.org.creditCode, type: input.org.type },
    });
    return { userId, orgId };
  });
}

/**
 * Creates a person's account and asks to join an approved organisation in a
 * role of its side. Runs when a sign-up's e-mail is confirmed.
 */
export function createAccountToJoin(
  db: DbLike,
  input: { person: HashedPerson; creditCode: string; role: Role; ip: string },
): { userId: number; orgId: number } {
  return db.transaction((tx) => {
    if (emailTaken(tx, input.person.email)) throw new FormRefusal("email", "forms.emailTaken");
    const userId = insertUser(tx, input.person);
    const orgId = requestMembership(tx, {
      userId,
      creditCode: input.creditCode,
      role: input.role,
      ip: input.ip,
    });
    return { userId, orgId };
  });
}

/** `createAccountWithOrganisation` with the password hashed here, for tests and scripts. */
export async function signUpWithOrganisation(
  db: Db,
  input: { person: Person; org: OrganisationApplication; ip: string },
): Promise<{ userId: number; orgId: number }> {
  const { password, ...person } = input.person;
  const passwordHash = await hashPassword(password);
  return createAccountWithOrganisation(db, { ...input, person: { ...person, passwordHash } });
}

/** `createAccountToJoin` with the password hashed here, for tests and scripts. */
export async function signUpToJoin(
  db: Db,
  input: { person: Person; creditCode: string; role: Role; ip: string },
): Promise<{ userId: number; orgId: number }> {
  const { password, ...person } = input.person;
  const passwordHash = await hashPassword(password);
  return createAccountToJoin(db, { ...input, person: { ...person, passwordHash } });
}

/**
 * The approved organisation a person may ask to join in this role, or the
 * FormRefusal saying why not.
 */
export function findJoinableOrganisation(
  db: DbLike,
  input: { creditCode: string; role: Role },
): { id: number } {
  const org = db
    .select({ id: organisations.id, side: organisations.side, status: organisations.status })
    .from(organisations)
    .where(eq(organisations.creditCode, input.creditCode))
    .get();
  if (!org || org.status !== "approved")
    throw new FormRefusal("joinCreditCode", "forms.orgUnknown");
  if (!rolesForSide(org.side).includes(input.role))
    throw new FormRefusal("role", "forms.roleForSide");
  return { id: org.id };
}

/** A signed-in person asks to join another organisation. */
export function requestMembership(
  db: DbLike,
  input: { userId: number; creditCode: string; role: Role; ip: string },
): number {
  const org = findJoinableOrganisation(db, input);
  const existing = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.orgId, org.id)))
    .get();
  if (existing) throw new FormRefusal("joinCreditCode", "forms.alreadyMember");
  db.insert(memberships).values({ userId: input.userId, orgId: org.id, role: input.role }).run();
  recordAudit(db, {
    actorUserId: input.userId,
    action: "membership.requested",
    targetType: "organisation",
    targetId: String(org.id),
    ip: input.ip,
    newValue: { role: input.role },
  });
  return org.id;
}

/** An existing person applies for one more new organisation. */
export function applyForOrganisation(
  db: Db,
  input: { userId: number; org: OrganisationApplication; ip: string },
): number {
  return db.transaction((tx) => {
    const orgId = insertOrganisation(tx, input.org);
    tx.insert(memberships)
      .values({
        userId: input.userId,
        orgId,
        role: founderRole(input.org.side),
        status: "approved",
      })
      .run();
    recordAudit(tx, {
      actorUserId: input.userId,
      action: "organisation.applied",
      targetType: "organisation",
      targetId: String(orgId),
      ip: input.ip,
      newValue: { name: input.org.orgName, creditCode: input.org.creditCode, type: input.org.type },
    });
    return orgId;
  });
}

export interface MembershipView {
  membershipId: number;
  orgId: number;
  orgNameZh: string;
  orgNameEn: string;
  orgType: string;
  side: OrganisationSide;
  orgStatus: "pending" | "approved" | "rejected";
  orgRejectReason: string | null;
  role: Role;
  status: "pending" | "approved" | "rejected";
}

/** Every organisation a person belongs to or has applied to, with both statuses. */
export function listMemberships(db: DbLike, userId: number): MembershipView[] {
  return db
    .select({
      membershipId: memberships.id,
      orgId: organisations.id,
      orgNameZh: organisations.nameZh,
      orgNameEn: organisations.nameEn,
      orgType: organisations.type,
      side: organisations.side,
      orgStatus: organisations.status,
      orgRejectReason: organisations.rejectReason,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.id))
    .all();
}

/** A membership one may act through: both it and its organisation are approved. */
export function isActive(m: Pick<MembershipView, "status" | "orgStatus">): boolean {
  return m.status === "approved" && m.orgStatus === "approved";
}

export function can(m: MembershipView | null, permission: Permission): boolean {
  return Boolean(m && isActive(m) && roleHasPermission(m.role, permission));
}

/** Organisations waiting for the office, oldest first; or all in a status. */
export function listOrganisationsByStatus(db: DbLike, status: "pending" | "approved" | "rejected") {
  return db
    .select({
      id: organisations.id,
      nameZh: organisations.nameZh,
      creditCode: organisations.creditCode,
      type: organisations.type,
      side: organisations.side,
      jurisdictionCode: organisations.jurisdictionCode,
      countyCode: organisations.countyCode,
      contactName: organisations.contactName,
      contactPhone: organisations.contactPhone,
      createdAt: organisations.createdAt,
      rejectReason: organisations.rejectReason,
    })
    .from(organisations)
    .where(eq(organisations.status, status))
    .orderBy(status === "pending" ? asc(organisations.id) : desc(organisations.id))
    .limit(200)
    .all();
}

/**
 * The office approves or rejects an applying organisation (a rejection keeps
 * its reason for the applicant). Only pending organisations can be decided.
 */
export function reviewOrganisation(
  db: Db,
  input: { orgId: number; decision: "approve" | "reject"; reason: string; actor: Actor },
  now = new Date(),
): boolean {
  return db.transaction((tx) => {
    const org = tx.select().from(organisations).where(eq(organisations.id, input.orgId)).get();
    if (!org || org.status !== "pending") return false;
    const status = input.decision === "approve" ? "approved" : "rejected";
    const rejectReason = input.decision === "reject" ? input.reason : null;
    tx.update(organisations)
      .set({ status, rejectReason, reviewedBy: input.actor.userId, reviewedAt: now })
      .where(eq(organisations.id, org.id))
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: `organisation.${input.decision === "approve" ? "approved" : "rejected"}`,
      targetType: "organisation",
      targetId: String(org.id),
      ip: input.actor.ip,
      oldValue: { status: org.status },
      newValue: { status, rejectReason },
    });
    return true;
  });
}

/** Members of the acting organisation (pending first), for its admin. */
export function listMembers(db: DbLike, orgId: number) {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(sql`${memberships.status} = 'pending' desc`, asc(users.name))
    .all();
}

/**
 * An organisation's admin approves or rejects a member. The membership must
 * belong to the admin's acting organisation: another tenant's id is "not
 * found", exactly like an id that does not exist.
 */
export function decideMembership(
  db: Db,
  input: { membershipId: number; decision: "approve" | "reject"; actor: Actor & { orgId: number } },
  now = new Date(),
): boolean {
  return db.transaction((tx) => {
    const membership = tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, input.membershipId), eq(memberships.orgId, input.actor.orgId)))
      .get();
    if (!membership || membership.status !== "pending") return false;
    const status = input.decision === "approve" ? "approved" : "rejected";
    tx.update(memberships)
      .set({ status, decidedBy: input.actor.userId, decidedAt: now })
      .where(eq(memberships.id, membership.id))
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: `membership.${status}`,
      targetType: "membership",
      targetId: String(membership.id),
      ip: input.actor.ip,
      oldValue: { status: membership.status, role: membership.role },
      newValue: { status, role: membership.role },
    });
    return true;
  });
}

export function getOrganisation(db: DbLike, orgId: number) {
  return db.select().from(organisations).where(eq(organisations.id, orgId)).get() ?? null;
}

/**
 * An organisation's admin changes an approved member's role (within the
 * roles of the organisation's side). Not their own: an admin cannot demote
 * or promote themselves. Another tenant's membership is "not found".
 */
export function changeMemberRole(
  db: Db,
  input: { membershipId: number; role: Role; actor: Actor & { orgId: number } },
  now = new Date(),
): boolean {
  return db.transaction((tx) => {
    const row = tx
      .select({ membership: memberships, side: organisations.side })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(eq(memberships.id, input.membershipId), eq(memberships.orgId, input.actor.orgId)))
      .get();
    if (!row || row.membership.status !== "approved") return false;
    if (row.membership.userId === input.actor.userId) return false;
    if (!rolesForSide(row.side).includes(input.role) || row.membership.role === input.role)
      return false;
    tx.update(memberships)
      .set({ role: input.role })
      .where(eq(memberships.id, row.membership.id))
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "membership.role_changed",
      targetType: "membership",
      targetId: String(row.membership.id),
      ip: input.actor.ip,
      oldValue: { role: row.membership.role },
      newValue: { role: input.role },
    });
    return true;
  });
}
