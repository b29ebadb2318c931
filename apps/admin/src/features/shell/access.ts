import { SITE_MANAGEMENT_ROLES } from '@sitedesk/domain';
import type { MeDto, SiteRoleDto } from '../../api/generated';

/** What the signed-in user's roles allow on the current site (the API decides; this hides what it would refuse). */
export interface Access {
  /** admin, director or manager here: users, audit trail, the whole discipline register. */
  managesSite: boolean;
  /** The organization-wide admin: API keys, org-wide roles. */
  orgAdmin: boolean;
  /** A partner agency's agent and nothing else here: only the agency's own view (CA-6, CA-7). */
  partnerOnly: boolean;
}

export const accessOn = (me: MeDto, site: SiteRoleDto): Access => ({
  managesSite: site.roles.some((role) => SITE_MANAGEMENT_ROLES.includes(role)),
  orgAdmin: me.organizationRoles.includes('admin'),
  partnerOnly: site.roles.length > 0 && site.roles.every((role) => role === 'partner') && me.organizationRoles.length === 0,
});
