/**
 * The one place that decides who may do what. Routes name a permission; use cases call can()/authorize()
 * for record-level checks. Anything not listed here is denied.
 */
export const roles = [
  'resident',
  'volunteer',
  'consultant',
  'expert-consultant',
  'team-lead',
  'coordinator',
  'referring-partner',
  'provider',
  'policy-officer',
  'administrator',
] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

const everyone = roles;

export const permissionGrants = {
  /** Own profile, own sessions, own two-factor, who viewed my data. */
  'account:own': everyone,
  'users:read': ['administrator'],
  'users:manage': ['administrator'],
  'audit:search': ['administrator'],
  'areas:read': everyone,
  /** Propose changes to the offers of one's own organisation(s) and confirm they are still right. */
  'directory:edit-own': ['provider', 'coordinator'],
  /** Approve or reject proposed changes, see stale offers and reports, link providers to organisations. */
  'directory:moderate': ['coordinator', 'administrator'],
  /**
   * Casework: households, support requests, assessments. Which households is decided per case: the case lead,
   * co-workers with logged access and team leads see the file; other holders only that it is known and whom
   * to contact. Volunteers, providers, policy officers and referring partners have none of these.
   */
  'casework:read': ['consultant', 'expert-consultant', 'team-lead'],
  'casework:write': ['consultant', 'expert-consultant', 'team-lead'],
  /** The team's due and overdue support requests (deadline, area, case lead; details only where involved). */
  'casework:team-overview': ['consultant', 'expert-consultant', 'team-lead'],
  /** See a person's BSN in a file one works on: custom provisions (Wmo/Jeugdwet) need it; others see only that it is recorded. */
  'casework:bsn': ['expert-consultant'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionGrants;

/**
 * What a route requires: 'public' (anyone, also without session), 'two-factor-pending' (password given,
 * code still to come) or a permission that one of the user's roles must grant.
 */
export type RouteAccess = 'public' | 'two-factor-pending' | Permission;

export function can(userRoles: readonly Role[], permission: Permission): boolean {
  const granted: readonly Role[] = permissionGrants[permission];
  return userRoles.some((r) => granted.includes(r));
}

/** Roles whose purpose includes reading case files; tenants may require two-factor login for them. */
export const caseFileRoles: readonly Role[] = ['consultant', 'expert-consultant', 'team-lead'];
