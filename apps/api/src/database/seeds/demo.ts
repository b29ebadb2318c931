import { unitKey, type Role } from '@sitedesk/domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../platform/auth/passwords.js';
import { Agency, Organization, RoleAssignment, Site, User } from '../../platform/identity/identity.entities.js';

export const DEMO_PASSWORD = 'sitedesk-demo';

interface DemoUser {
  login: string;
  name: string;
  roles: [site: 'demo-sales' | 'demo-service' | null, role: Role][];
  agency?: 'North Channel' | 'South Channel';
}

/** The fixed demo data (README): one organization, two sites, a user per role, two partner agencies. */
export const DEMO_USERS: DemoUser[] = [
  { login: 'admin', name: '系统管理员', roles: [[null, 'admin']] },
  { login: 'director', name: '赵总监', roles: [['demo-sales', 'director'], ['demo-service', 'director']] },
  { login: 'manager', name: '王经理', roles: [['demo-sales', 'manager']] },
  { login: 'supervisor', name: '陈主管', roles: [['demo-sales', 'supervisor']] },
  { login: 'consultant', name: '李顾问', roles: [['demo-sales', 'consultant']] },
  { login: 'consultant2', name: '张顾问', roles: [['demo-sales', 'consultant']] },
  { login: 'clerk', name: '刘内业', roles: [['demo-sales', 'clerk']] },
  { login: 'receptionist', name: '周前台', roles: [['demo-sales', 'receptionist']] },
  { login: 'cashier', name: '吴出纳', roles: [['demo-sales', 'cashier']] },
  { login: 'cs_agent', name: '郑客服', roles: [['demo-sales', 'cs_agent'], ['demo-service', 'cs_agent']] },
  { login: 'developer_approver', name: '开发商审批人', roles: [['demo-sales', 'developer_approver']] },
  { login: 'service_manager', name: '孙服务经理', roles: [['demo-service', 'manager']] },
  { login: 'service_advisor', name: '钱服务顾问', roles: [['demo-service', 'service_advisor']] },
  { login: 'technician', name: '冯技师', roles: [['demo-service', 'technician']] },
  { login: 'partner', name: 'North Channel 经纪人', roles: [['demo-sales', 'partner']], agency: 'North Channel' },
  { login: 'partner2', name: 'South Channel 经纪人', roles: [['demo-sales', 'partner']], agency: 'South Channel' },
];

export const demoLogin = (name: string) => `${name}@demo.sitedesk`;

/** Loads the demo data once; a second call finds it and does nothing. Returns whether it loaded. */
export async function seedDemo(ds: DataSource, log: (m: string) => void = () => {}): Promise<boolean> {
  if (await ds.getRepository(Organization).exists({ where: { name: 'Demo Realty' } })) {
    await seedDemoUnits(ds, log);
    return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ds.transaction(async (em) => {
    const org = await em.getRepository(Organization).save({ name: 'Demo Realty' });
    const sites = {
      'demo-sales': await em.getRepository(Site).save({ organizationId: org.id, code: 'demo-sales', name: '演示售楼处 Demo Sales Office', kind: 'sales_office', timeZone: 'Asia/Shanghai' }),
      'demo-service': await em.getRepository(Site).save({ organizationId: org.id, code: 'demo-service', name: '演示服务中心 Demo Service Centre', kind: 'service_centre', timeZone: 'Asia/Shanghai' }),
    } as const;
    const agencies = {
      'North Channel': await em.getRepository(Agency).save({ organizationId: org.id, name: 'North Channel' }),
      'South Channel': await em.getRepository(Agency).save({ organizationId: org.id, name: 'South Channel' }),
    };
    for (const u of DEMO_USERS) {
      const user = await em.getRepository(User).save({
        organizationId: org.id,
        login: demoLogin(u.login),
        displayName: u.name,
        passwordHash,
        locale: 'zh-CN',
        agencyId: u.agency ? agencies[u.agency].id : null,
      });
      for (const [site, role] of u.roles) {
        await em.getRepository(RoleAssignment).insert({ organizationId: org.id, userId: user.id, siteId: site ? sites[site].id : null, role });
      }
    }
  });
  log(`demo data loaded: organization "Demo Realty", sites demo-sales and demo-service, ${DEMO_USERS.length} users`);
  await seedDemoUnits(ds, log);
  return true;
}

/**
 * The demo sales office's unit inventory (RES-1): building 1栋, floors 1–8, four units a floor, and
 * building 2栋, floors 1–4, two larger units a floor. Idempotent: skipped when the site has units
 * (also loads into a database seeded before the reservation module existed).
 */
export async function seedDemoUnits(ds: DataSource, log: (m: string) => void = () => {}): Promise<void> {
  const [site] = await ds.query(`SELECT id FROM site WHERE code = 'demo-sales'`);
  if (!site) return;
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM unit WHERE site_id = $1`, [site.id]);
  if (n > 0) return;
  const rows: [string, string, number, string, number, number][] = [];
  const layouts = [
    ['3室2厅2卫', 12_050],
    ['2室2厅1卫', 8_936],
    ['2室2厅1卫', 8_936],
    ['3室2厅2卫', 12_050],
  ] as const;
  for (let floor = 1; floor <= 8; floor++) {
    layouts.forEach(([layout, area], i) => rows.push(['1栋', `${floor}0${i + 1}`, floor, layout, area, Math.round((area / 100) * (18_000 + floor * 150)) * 100]));
  }
  for (let floor = 1; floor <= 4; floor++) {
    for (let i = 1; i <= 2; i++) rows.push(['2栋', `${floor}0${i}`, floor, '4室2厅3卫', 16_820, Math.round(168.2 * (21_000 + floor * 200)) * 100]);
  }
  await ds.transaction(async (em) => {
    for (const [building, number, floor, layout, area, price] of rows) {
      await em.query(
        `INSERT INTO unit (site_id, building, number, unit_key, floor, layout, area_centi_m2, list_price_fen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [site.id, building, number, unitKey({ building, number }), floor, layout, area, price],
      );
    }
  });
  log(`demo units loaded: ${rows.length} units on demo-sales`);
}
