import { MANAGER_GRANTABLE_ROLES, ROLES, SITE_MANAGEMENT_ROLES, type Role } from '@sitedesk/domain';
import type { MeDto, SiteRoleDto } from '../../api/generated';
import type { Access } from '../shell/access';

/** The value of the site field that means "every site of the organization" (admin only). */
export const ORG_WIDE = '*';

export const grantableRoles = (access: Access): readonly Role[] => (access.orgAdmin ? ROLES : MANAGER_GRANTABLE_ROLES);

/** The sites the signed-in user may grant roles on. */
export const grantableSites = (me: MeDto, access: Access): SiteRoleDto[] =>
  access.orgAdmin ? me.sites : me.sites.filter((s) => s.roles.some((r) => SITE_MANAGEMENT_ROLES.includes(r)));

export const siteIdOf = (value: string): string | null => (value === ORG_WIDE ? null : value);
