import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKey, User } from '../identity/identity.entities.js';
import { loadGrants } from './grants.js';
import type { Principal } from './principal.js';

/** Keys look like `sdk_<12-char prefix>_<43-char secret>`; only the prefix and a SHA-256 of the whole key are stored. */
export const API_KEY_PATTERN = /^sdk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest();

@Injectable()
export class ApiKeysService {
  constructor(private readonly ds: DataSource) {}

  static generate(): { key: string; prefix: string; secretHash: string } {
    const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
    const key = `sdk_${prefix}_${randomBytes(32).toString('base64url')}`;
    return { key, prefix, secretHash: sha256(key).toString('hex') };
  }

  async create(em: EntityManager, input: { organizationId: string; userId: string; name: string; createdBy: string }) {
    const { key, prefix, secretHash } = ApiKeysService.generate();
    const row = await em.getRepository(ApiKey).save(em.getRepository(ApiKey).create({ ...input, prefix, secretHash }));
    return { row, key };
  }

  /** The principal for a presented key, or null when it is unknown, revoked, or its user is disabled. */
  async authenticate(key: string): Promise<Principal | null> {
    const m = API_KEY_PATTERN.exec(key);
    if (!m) return null;
    const row = await this.ds.getRepository(ApiKey).findOne({ where: { prefix: m[1] } });
    if (!row || row.revokedAt) return null;
    const stored = Buffer.from(row.secretHash, 'hex');
    const given = sha256(key);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
    const user = await this.ds.getRepository(User).findOne({ where: { id: row.userId } });
    if (!user?.active) return null;
    // Last use is kept to the minute, so that a busy partner does not write on every call.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await this.ds.getRepository(ApiKey).update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return {
      kind: 'api_key',
      apiKeyId: row.id,
      userId: user.id,
      organizationId: user.organizationId,
      login: user.login,
      agencyId: user.agencyId,
      grants: await loadGrants(this.ds.manager, user.id),
    };
  }
}
