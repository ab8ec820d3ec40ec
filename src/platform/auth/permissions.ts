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
  /** A resident's own support plan: see it, agree to it, comment on it. */
  'casework:own-plan': ['resident'],
  // --- end casework ---

  // --- referrals (issue 5) ---
  /** Refer a resident to an offer, a welfare coach or the social team; see own referrals' status only. */
  'referrals:send': ['referring-partner', 'consultant', 'expert-consultant', 'team-lead', 'coordinator'],
  /** The inbox of referrals addressed to oneself, one's team or one's organisation; update their status. */
  'referrals:receive': ['consultant', 'expert-consultant', 'team-lead', 'provider'],
  /**
   * Follow referrals one sent or receives: the list, one referral, a status change. Whether this person sent or
   * receives this referral (and so what they see of it) is decided per referral.
   */
  'referrals:follow': [
    'referring-partner',
    'consultant',
    'expert-consultant',
    'team-lead',
    'coordinator',
    'provider',
  ],
  /** Create and version referral pathways (doorverwijskaarten). Reading them is public. */
  'pathways:manage': ['coordinator', 'administrator'],
  /** Referral figures per pathway, offer, provider, area and period (aggregates, small counts suppressed). */
  'referrals:figures': ['policy-officer', 'team-lead', 'coordinator', 'administrator'],
  // --- end referrals ---

  // --- signals (issue 6) ---
  /** Report a worry as a logged-in partner and follow its status (residents can also report on the public form). */
  'signals:report': [
    'referring-partner',
    'consultant',
    'expert-consultant',
    'team-lead',
    'coordinator',
    'provider',
    'volunteer',
  ],
  /** Triage signals: read their details, assign, link to a household, decide. */
  'signals:triage': ['consultant', 'expert-consultant', 'team-lead'],
  /**
   * The signalling meeting: clusters per area (no personal data) and their decisions. Everyone who triages is
   * in it too, so the one menu entry (/signalen) can require this permission.
   */
  'signals:meeting': ['consultant', 'expert-consultant', 'team-lead', 'coordinator', 'policy-officer'],
  /** Signal categories (tenant-editable list) and signal figures. */
  'signals:manage': ['team-lead', 'administrator'],
  'signals:figures': ['policy-officer', 'team-lead', 'coordinator', 'administrator'],
  // --- end signals ---

  // --- volunteering (issue 7) ---
  /** Post and follow one's own help requests (a consultant may post on behalf of a resident). */
  'volunteering:request': ['resident', 'consultant', 'expert-consultant', 'team-lead', 'coordinator'],
  /** A volunteer's own profile, offers, matches, contact log and evaluations. Never case files. */
  'volunteering:volunteer': ['volunteer'],
  /** Post a help offer: a volunteer their own, an organisation (provider) or a coordinator for an organisation. */
  'volunteering:offer': ['volunteer', 'provider', 'coordinator'],
  /** Intake of volunteers, VOG and trainings, matching runs, proposals, follow-up. */
  'volunteering:coordinate': ['coordinator'],
  /** Worries volunteers passed on from their contact log: the social team follows them up. */
  'volunteering:worries': ['consultant', 'expert-consultant', 'team-lead', 'coordinator'],
  'volunteering:figures': ['coordinator', 'policy-officer', 'administrator'],
  // --- end volunteering ---
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
