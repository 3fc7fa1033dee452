/**
 * Who is asking: the session cookie (a random id, HttpOnly, SameSite=Lax,
 * Secure in production), the person, their memberships and the organisation
 * they act for. Guards throw: a redirect to sign in for anonymous visitors,
 * a translated 403 for a signed-in person without the permission.
 */
import { createCookie, redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { db } from "~/db.server";
import type { Permission } from "~/domain/permissions";
import { getTranslator } from "~/i18n/i18n.server";
import {
  createSession,
  endSession,
  findLiveSession,
  SESSION_ABSOLUTE_MS,
  sha256,
  type SessionRecord,
} from "~/models/auth.server";
import { can, isActive, listMemberships, type MembershipView } from "~/models/organisations.server";
import { noteActingOrganisation } from "~/server/request-facts";
import { safeRedirect } from "~/utils/safe-redirect";

const secure = process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true";

/** The __Host- prefix pins the cookie to this host, over HTTPS, for the whole site. */
export const sessionCookie = createCookie(secure ? "__Host-session" : "session", {
  httpOnly: true,
  sameSite: "lax",
  secure,
  path: "/",
  maxAge: SESSION_ABSOLUTE_MS / 1000,
});

export interface CurrentUser {
  session: SessionRecord;
  user: { id: number; name: string; email: string };
  memberships: MembershipView[];
  /** The approved membership the person acts through, if any. */
  acting: MembershipView | null;
}

async function sessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 32 && value.length <= 64 ? value : null;
}

const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

/**
 * The signed-in person, or null for the public. The root loader and the
 * page's own loader both ask; the session is looked up once per request.
 */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  let current = perRequest.get(request);
  if (!current) {
    current = lookUpCurrentUser(request);
    perRequest.set(request, current);
  }
  return current;
}

async function lookUpCurrentUser(request: Request): Promise<CurrentUser | null> {
  const id = await sessionId(request);
  if (!id) return null;
  const session = findLiveSession(db, id);
  if (!session) return null;
  const user = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, session.userId))
    .get();
  if (!user) return null;
  const memberships = listMemberships(db, user.id);
  const active = memberships.filter(isActive);
  const acting = active.find((m) => m.orgId === session.actingOrgId) ?? active[0] ?? null;
  // For the request log line: which organisation this request acted for.
  noteActingOrganisation(request, acting?.orgId ?? null);
  return { session, user, memberships, acting };
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = safeRedirect(url.pathname + url.search, "/");
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const current = await getCurrentUser(request);
  if (!current) loginRedirect(request);
  return current;
}

async function forbidden(request: Request): Promise<never> {
  const { t } = await getTranslator(request);
  throw new Response(t("auth.forbidden"), { status: 403 });
}

/**
 * A person acting for an approved organisation with this permission; the
 * returned membership is the tenant every query must be limited to.
 */
export async function requirePermission(
  request: Request,
  permission: Permission,
): Promise<CurrentUser & { acting: MembershipView }> {
  const current = await requireUser(request);
  if (!current.acting || !can(current.acting, permission)) return forbidden(request);
  return current as CurrentUser & { acting: MembershipView };
}

/** A person acting for an organisation of the given side (the area's door). */
export async function requireSide(
  request: Request,
  side: "buyer" | "seller" | "office",
): Promise<CurrentUser & { acting: MembershipView }> {
  const current = await requireUser(request);
  if (!current.acting || current.acting.side !== side) {
    // Acting for another side: switch to a membership of this side if there is one.
    const other = current.memberships.find((m) => isActive(m) && m.side === side);
    if (other) {
      noteActingOrganisation(request, other.orgId);
      return { ...current, acting: other };
    }
    return forbidden(request);
  }
  return current as CurrentUser & { acting: MembershipView };
}

/**
 * Starts a session for a person who just proved who they are, ending the one
 * the browser had (a new id at every sign-in defeats session fixation).
 */
export async function startSession(
  request: Request,
  input: { userId: number; ip: string; redirectTo: string },
): Promise<Response> {
  const previous = await sessionId(request);
  if (previous) endSession(db, sha256(previous), "rotated");
  const active = listMemberships(db, input.userId).filter(isActive);
  const id = createSession(db, {
    userId: input.userId,
    actingOrgId: active[0]?.orgId ?? null,
    ip: input.ip,
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  return redirect(input.redirectTo, {
    status: 303,
    headers: { "Set-Cookie": await sessionCookie.serialize(id) },
  });
}

/** Ends the session (if any) and clears the cookie. */
export async function endCurrentSession(request: Request, to = "/"): Promise<Response> {
  const id = await sessionId(request);
  if (id) endSession(db, sha256(id), "logout");
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}
