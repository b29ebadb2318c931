import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/config.js';
import { AccessRevocations } from './access-revocations.js';
import { AuthService } from './auth.service.js';
import type { AccessClaims, Principal } from './principal.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(AccessRevocations) private readonly revocations: AccessRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object: given a string, jsonwebtoken tries to parse it as a PEM key on every verify (~300 µs,
      // docs/benchmarks.md). passport-jwt hands it to jsonwebtoken unchanged; its types only know strings and buffers.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: 'sitedesk',
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims & { iat?: number }): Promise<Principal | false> {
    if (claims?.typ !== 'access' || !Array.isArray(claims.grants)) return false;
    await this.revocations.ready;
    // Disabled, or a role taken away, after this token was issued (GEN-7): it no longer counts.
    if (this.revocations.revoked(claims.sub, claims.issuedAtMs ?? (claims.iat ?? 0) * 1000)) return false;
    return AuthService.principalFromClaims(claims);
  }
}
