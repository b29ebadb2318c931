/** GEN-2: role code names. A user may hold several roles, per site. */
export const ROLES = [
  'admin',
  'director',
  'manager',
  'supervisor',
  'consultant',
  'clerk',
  'receptionist',
  'service_advisor',
  'technician',
  'cashier',
  'cs_agent',
  'partner',
  'developer_approver',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** Roles that hold authority over the people of a site, lowest first (GEN-6 "the next level up"). */
export const HIERARCHY: readonly Role[] = ['supervisor', 'manager', 'director', 'admin'];

/** Staff roles: everyone but the external partner agencies. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'partner');

/** Roles that manage a site: they read the audit trail and the whole discipline register. */
export const SITE_MANAGEMENT_ROLES: readonly Role[] = ['manager', 'director', 'admin'];

/** Roles a site manager may grant on their own site; the rest, and organization-wide grants, are the admin's. */
export const MANAGER_GRANTABLE_ROLES: readonly Role[] = ['supervisor', 'consultant', 'clerk', 'receptionist', 'service_advisor', 'technician', 'cashier', 'cs_agent'];

/**
 * GEN-6: the level above a person, given the roles they hold on the site. A consultant's request goes
 * to the supervisor, a supervisor's to the manager, a manager's to the director, a director's to admin.
 */
export function nextLevelUp(roles: readonly Role[]): Role {
  let highest = -1;
  for (const r of roles) highest = Math.max(highest, HIERARCHY.indexOf(r));
  return HIERARCHY[Math.min(highest + 1, HIERARCHY.length - 1)];
}

/** Whether someone holding `roles` stands at or above `level` in the hierarchy. */
export function atOrAbove(roles: readonly Role[], level: Role): boolean {
  const need = HIERARCHY.indexOf(level);
  if (need < 0) return roles.includes(level);
  return roles.some((r) => HIERARCHY.indexOf(r) >= need);
}
