/**
 * Creates an organization and its first administrator in a production database (the demo data is
 * for evaluation only):
 *
 *   BOOTSTRAP_ADMIN_PASSWORD=… DATABASE_URL=… node dist/api/database/bootstrap.js \
 *     --organization "Acme Realty" --admin admin@acme.example [--admin-name "王总"] \
 *     [--site acme-sales --site-name "Acme Sales Office" --site-kind sales_office --time-zone Asia/Shanghai]
 *
 * The password comes from the environment, never from the command line (shell history, ps).
 * Refuses to run twice for the same organization name. Written to the audit trail.
 */
import 'reflect-metadata';
import { isValidTimeZone } from '@sitedesk/domain';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { Organization, RoleAssignment, Site, User, type SiteKind } from '../platform/identity/identity.entities.js';
import { createDataSource } from './data-source.js';
import { migrate } from './migrate.js';

export interface BootstrapInput {
  organization: string;
  adminLogin: string;
  adminName: string;
  adminPassword: string;
  site?: { code: string; name: string; kind: SiteKind; timeZone: string };
}

export async function bootstrap(ds: DataSource, input: BootstrapInput): Promise<{ organizationId: string; adminId: string; siteId?: string }> {
  if (input.adminPassword.length < 12) throw new Error('the administrator password needs at least 12 characters');
  if (!/^[^@\s]+@[^@\s]+$/.test(input.adminLogin)) throw new Error('the administrator login is an e-mail address');
  if (input.site && !/^[a-z0-9-]{2,40}$/.test(input.site.code)) throw new Error('a site code is 2–40 lower-case letters, digits and -');
  if (input.site && !isValidTimeZone(input.site.timeZone)) throw new Error(`unknown time zone ${input.site.timeZone}`);
  const passwordHash = await hashPassword(input.adminPassword);
  const audit = new AuditService();
  return ds.transaction(async (em) => {
    if (await em.getRepository(Organization).exists({ where: { name: input.organization } })) throw new Error(`the organization "${input.organization}" exists already`);
    const org = await em.getRepository(Organization).save({ name: input.organization });
    const admin = await em.getRepository(User).save({ organizationId: org.id, login: input.adminLogin.toLowerCase(), displayName: input.adminName, passwordHash, locale: 'zh-CN', agencyId: null });
    await em.getRepository(RoleAssignment).insert({ organizationId: org.id, userId: admin.id, siteId: null, role: 'admin' });
    const site = input.site ? await em.getRepository(Site).save({ organizationId: org.id, ...input.site }) : undefined;
    const actor = { actorId: null, actorLogin: 'bootstrap' };
    await audit.record(em, { organizationId: org.id, action: 'organization.created', entityType: 'organization', entityId: org.id, after: { name: org.name }, ...actor });
    await audit.record(em, { organizationId: org.id, action: 'user.created', entityType: 'user', entityId: admin.id, after: { login: admin.login, roles: ['admin'] }, ...actor });
    if (site) await audit.record(em, { organizationId: org.id, siteId: site.id, action: 'site.created', entityType: 'site', entityId: site.id, after: input.site, ...actor });
    return { organizationId: org.id, adminId: admin.id, siteId: site?.id };
  });
}

if (process.argv[1]?.endsWith('bootstrap.js')) {
  const { values } = parseArgs({
    options: {
      organization: { type: 'string' },
      admin: { type: 'string' },
      'admin-name': { type: 'string', default: 'Administrator' },
      site: { type: 'string' },
      'site-name': { type: 'string' },
      'site-kind': { type: 'string', default: 'sales_office' },
      'time-zone': { type: 'string', default: 'Asia/Shanghai' },
    },
  });
  const url = process.env.DATABASE_URL;
  const password = process.env.BOOTSTRAP_ADMIN_PASSWORD;
  if (!url || !password || !values.organization || !values.admin) {
    console.error('usage: BOOTSTRAP_ADMIN_PASSWORD=… DATABASE_URL=… node dist/api/database/bootstrap.js --organization NAME --admin LOGIN [--admin-name NAME] [--site CODE --site-name NAME --site-kind sales_office|service_centre --time-zone ZONE]');
    process.exit(2);
  }
  if (values['site-kind'] !== 'sales_office' && values['site-kind'] !== 'service_centre') {
    console.error('--site-kind is sales_office or service_centre');
    process.exit(2);
  }
  await migrate(url);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    const site = values.site ? { code: values.site, name: values['site-name'] ?? values.site, kind: values['site-kind'] as SiteKind, timeZone: values['time-zone']! } : undefined;
    const out = await bootstrap(ds, { organization: values.organization, adminLogin: values.admin, adminName: values['admin-name']!, adminPassword: password, site });
    console.log(`created organization "${values.organization}" (${out.organizationId}) and administrator ${values.admin}${site ? `, site ${site.code}` : ''}`);
  } catch (e) {
    console.error(`bootstrap failed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await ds.destroy();
  }
}
