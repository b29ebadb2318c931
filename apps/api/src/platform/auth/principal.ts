import type { Role } from '@sitedesk/domain';

/** A role held on one site, or on every site of the organization (siteId null). */
export interface Grant {
  siteId: string | null;
  role: Role;
}

/** Who is calling: a signed-in user (JWT) or a partner system (API key acting as its user). */
export interface Principal {
  kind: 'user' | 'api_key';
  userId: string;
  organizationId: string;
  login: string;
  agencyId: string | null;
  grants: Grant[];
  apiKeyId?: string;
}

/** The claims of an access token. Roles ride in the token; it lives ACCESS_TOKEN_TTL_SECONDS. */
export interface AccessClaims {
  sub: string;
  org: string;
  login: string;
  agency: string | null;
  grants: [string | null, Role][];
  typ: 'access';
  /** When it was issued, to the millisecond (`iat` has seconds): a revocation in the same second still ends it. */
  issuedAtMs?: number;
}

export const principalKey = (p: Principal | undefined) => (p ? (p.apiKeyId ? `key:${p.apiKeyId}` : `user:${p.userId}`) : 'anonymous');
