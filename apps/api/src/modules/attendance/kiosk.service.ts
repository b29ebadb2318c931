import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { DataSource, MoreThan } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { PlatformCodes } from '../../platform/errors/codes.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { LoginAttempt } from '../../platform/identity/identity.entities.js';
import { KioskDevice, StaffPin } from './attendance.entities.js';
import type { PolicyResolver } from './attendance-data.service.js';
import { AttendancePolicyService } from './policy.service.js';

const TOKEN = /^kio_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest();
/** PIN failures allowed per person at one device within 5 minutes, and per device within a minute. */
export const PIN_LIMIT_PER_PERSON = 5;
export const PIN_LIMIT_PER_DEVICE = 30;

/** The shared clock-in device (打卡机): registered by the manager, authenticated by its token; staff use a PIN. */
@Injectable()
export class KioskService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly policies: AttendancePolicyService,
  ) {}

  static newToken() {
    const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
    const token = `kio_${prefix}_${randomBytes(32).toString('base64url')}`;
    return { token, prefix, tokenHash: sha256(token).toString('hex') };
  }

  /** The device and its site for a presented token, or 401. */
  async device(token: string | undefined): Promise<{ device: KioskDevice; site: SiteRef }> {
    const m = token ? TOKEN.exec(token) : null;
    const device = m ? await this.ds.getRepository(KioskDevice).findOneBy({ prefix: m[1] }) : null;
    const ok = device && !device.revokedAt && timingSafeEqual(Buffer.from(device.tokenHash, 'hex'), sha256(token!));
    if (!ok) throw new ProblemException(401, PlatformCodes.UNAUTHENTICATED, 'this device is not registered (or was revoked): ask the manager to register it');
    if (!device.lastSeenAt || Date.now() - device.lastSeenAt.getTime() > 60_000) await this.ds.getRepository(KioskDevice).update({ id: device.id }, { lastSeenAt: new Date() });
    return { device, site: (await this.access.site(device.siteId))! };
  }

  async setPin(site: SiteRef, userId: string, pin: string) {
    const pinHash = await hashPassword(pin);
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(StaffPin)
      .values({ siteId: site.id, userId, pinHash, updatedAt: new Date() })
      .orUpdate(['pin_hash', 'updated_at'], ['site_id', 'user_id'])
      .execute();
  }

  /** Checks a PIN at a device, throttled per person and per device (the attempts are kept like logins). */
  async checkPin(device: KioskDevice, userId: string, pin: string): Promise<void> {
    const key = `kiosk:${device.id}:${userId}`;
    const attempts = this.ds.getRepository(LoginAttempt);
    const [perPerson, perDevice] = await Promise.all([
      attempts.count({ where: { login: key, succeeded: false, at: MoreThan(new Date(Date.now() - 5 * 60_000)) } }),
      attempts.count({ where: { ip: `kiosk:${device.id}`, succeeded: false, at: MoreThan(new Date(Date.now() - 60_000)) } }),
    ]);
    if (perPerson >= PIN_LIMIT_PER_PERSON || perDevice >= PIN_LIMIT_PER_DEVICE) {
      throw new ProblemException(429, PlatformCodes.TOO_MANY_REQUESTS, 'too many wrong PINs: wait a few minutes', { headers: { 'retry-after': '300' } });
    }
    const row = await this.ds.getRepository(StaffPin).findOneBy({ siteId: device.siteId, userId });
    const ok = await verifyPassword(row?.pinHash ?? null, pin);
    await attempts.insert({ login: key, ip: `kiosk:${device.id}`, succeeded: ok });
    if (!ok) throw new ProblemException(401, 'WRONG_PIN', 'the PIN is wrong (or not set: set it in your profile)');
  }

  /** The site's policy may limit personal clock-in to its networks, or to the kiosk. */
  async assertPersonalClockInAllowed(site: SiteRef, date: string, ip: string, resolver?: PolicyResolver) {
    const rule = (resolver ? resolver.on(date) : await this.policies.on(site, date)).policy.clockIn ?? { personal: 'anywhere', networks: [] };
    if (rule.personal === 'anywhere') return;
    if (rule.personal === 'kiosk_only') throw new ProblemException(403, 'CLOCK_IN_KIOSK_ONLY', 'this site clocks in at its kiosk only');
    const list = new BlockList();
    for (const cidr of rule.networks) {
      const [net, bits] = cidr.split('/');
      if (isIPv4(net)) list.addSubnet(net, Number(bits), 'ipv4');
      else if (isIPv6(net)) list.addSubnet(net, Number(bits), 'ipv6');
    }
    const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    const inside = isIPv4(plain) ? list.check(plain, 'ipv4') : isIPv6(plain) && list.check(plain, 'ipv6');
    if (!inside) throw new ProblemException(403, 'CLOCK_IN_OUTSIDE_NETWORK', "clock in from the site's network, or at its kiosk");
  }

}
