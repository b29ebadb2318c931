import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import { PlatformCodes } from '../errors/codes.js';
import { ProblemException } from '../errors/problem.js';
import { LoginAttempt, RefreshToken, User } from '../identity/identity.entities.js';
import { loadGrants } from './grants.js';
import { verifyPassword } from './passwords.js';
import type { AccessClaims, Principal } from './principal.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** Failures allowed within a minute before login answers 429: per account from one address, and per address. */
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_ADDRESS = 30;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const unauthenticated = (detail: string, code: string = PlatformCodes.UNAUTHENTICATED) => new ProblemException(401, code, detail);

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async login(rawLogin: string, password: string, ip: string): Promise<TokenPair> {
    const login = rawLogin.trim().toLowerCase();
    const since = new Date(Date.now() - 60_000);
    const [perAccount, perAddress] = await Promise.all([
      this.ds.getRepository(LoginAttempt).count({ where: { login, ip, succeeded: false, at: MoreThan(since) } }),
      this.ds.getRepository(LoginAttempt).count({ where: { ip, succeeded: false, at: MoreThan(since) } }),
    ]);
    if (perAccount >= LOGIN_LIMIT_PER_ACCOUNT || perAddress >= LOGIN_LIMIT_PER_ADDRESS) {
      throw new ProblemException(429, PlatformCodes.TOO_MANY_REQUESTS, 'too many failed logins; wait a minute and try again', {
        headers: { 'retry-after': '60' },
      });
    }
    const user = await this.ds.getRepository(User).findOne({ where: { login } });
    const ok = await verifyPassword(user?.active ? user.passwordHash : null, password);
    await this.ds.getRepository(LoginAttempt).insert({ login, ip, succeeded: ok });
    if (!ok || !user) throw unauthenticated('the login or the password is wrong', PlatformCodes.INVALID_CREDENTIALS);
    return this.ds.transaction(async (em) => {
      const pair = await this.issue(em, user, randomUUID());
      await this.audit.record(em, { organizationId: user.organizationId, action: 'auth.login', entityType: 'user', entityId: user.id, actorId: user.id, actorLogin: user.login });
      return pair;
    });
  }

  /** Rotates a refresh token. Presenting a used one again revokes its whole family (token theft). */
  async refresh(token: string): Promise<TokenPair> {
    const outcome = await this.ds.transaction(async (em) => {
      const row = await em.getRepository(RefreshToken).findOne({ where: { tokenHash: sha256(token) }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.revokedAt) return { error: unauthenticated('the refresh token is not valid') };
      if (row.usedAt) {
        await em.getRepository(RefreshToken).update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return { error: unauthenticated('the refresh token was already used; every session of this sign-in is closed', PlatformCodes.TOKEN_REUSED) };
      }
      if (row.expiresAt < new Date()) return { error: unauthenticated('the refresh token has expired') };
      const user = await em.getRepository(User).findOne({ where: { id: row.userId } });
      if (!user?.active) return { error: unauthenticated('the account is disabled') };
      await em.getRepository(RefreshToken).update({ id: row.id }, { usedAt: new Date() });
      return { pair: await this.issue(em, user, row.familyId) };
    });
    // The family revocation above commits before the error is raised.
    if ('error' in outcome) throw outcome.error;
    return outcome.pair!;
  }

  async logout(token: string): Promise<void> {
    const row = await this.ds.getRepository(RefreshToken).findOne({ where: { tokenHash: sha256(token) } });
    if (!row) return;
    await this.ds.getRepository(RefreshToken).update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issue(em: import('typeorm').EntityManager, user: User, familyId: string): Promise<TokenPair> {
    const grants = await loadGrants(em, user.id);
    const claims: AccessClaims = {
      sub: user.id,
      org: user.organizationId,
      login: user.login,
      agency: user.agencyId,
      grants: grants.map((g) => [g.siteId, g.role]),
      typ: 'access',
      issuedAtMs: Date.now(),
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS });
    const refreshToken = `${randomUUID()}.${randomBytes(32).toString('base64url')}`;
    await em.getRepository(RefreshToken).insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer' };
  }

  static principalFromClaims(c: AccessClaims): Principal {
    return {
      kind: 'user',
      userId: c.sub,
      organizationId: c.org,
      login: c.login,
      agencyId: c.agency,
      grants: c.grants.map(([siteId, role]) => ({ siteId, role })),
    };
  }
}
