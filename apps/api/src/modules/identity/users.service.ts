import { Injectable } from '@nestjs/common';
import { MANAGER_GRANTABLE_ROLES, type Role } from '@sitedesk/domain';
import { Brackets, DataSource, IsNull, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { AccessRevocations } from '../../platform/auth/access-revocations.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PlatformCodes } from '../../platform/errors/codes.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { page, paging } from '../../platform/http/paging.js';
import { Agency, RoleAssignment, User } from '../../platform/identity/identity.entities.js';
import type { CreateUserDto, ListUsersQuery, RoleGrantDto, UpdateUserDto, UserDto } from './identity.dto.js';

const STAFF_ADMINS: readonly Role[] = ['admin', 'director', 'manager'];

@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly revocations: AccessRevocations,
  ) {}

  async list(p: Principal, q: ListUsersQuery) {
    const siteIds = q.siteId ? [(await this.access.requireSite(p, q.siteId, STAFF_ADMINS)).site.id] : await this.access.siteIds(p, STAFF_ADMINS);
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.organization_id = :org', { org: p.organizationId })
      .orderBy('u.login', 'ASC')
      .skip(paging(q).skip)
      .take(paging(q).take);
    if (!this.access.isOrgAdmin(p) || q.siteId) {
      qb.andWhere('EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.revoked_at IS NULL AND r.site_id = ANY(:siteIds))', { siteIds });
    }
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.login ILIKE :like', { like }).orWhere('u.display_name ILIKE :like', { like })));
    }
    const [users, total] = await qb.getManyAndCount();
    const items = await Promise.all(users.map((u) => this.toDto(this.ds.manager, u)));
    return page(items, total, q);
  }

  async get(p: Principal, id: string): Promise<UserDto> {
    return this.toDto(this.ds.manager, await this.visibleUser(this.ds.manager, p, id));
  }

  async create(p: Principal, body: CreateUserDto): Promise<UserDto> {
    for (const g of body.roles) await this.assertCanGrant(p, g);
    if (body.agencyId) {
      const agency = await this.ds.getRepository(Agency).findOneBy({ id: body.agencyId, organizationId: p.organizationId });
      if (!agency) throw new ProblemException(400, PlatformCodes.VALIDATION_FAILED, 'agencyId: no such agency', { errors: [{ field: 'agencyId', message: 'no such agency' }] });
    }
    const passwordHash = await hashPassword(body.password);
    return this.ds.transaction(async (em) => {
      const login = body.login.trim().toLowerCase();
      if (await em.getRepository(User).exists({ where: { login } })) {
        throw new ProblemException(409, 'LOGIN_TAKEN', 'a user with this login exists');
      }
      const user = em.getRepository(User).create({
        organizationId: p.organizationId,
        login,
        displayName: body.displayName,
        passwordHash,
        locale: body.locale ?? 'zh-CN',
        agencyId: body.agencyId ?? null,
      });
      await em.getRepository(User).save(user);
      for (const g of body.roles) await em.getRepository(RoleAssignment).insert({ organizationId: p.organizationId, userId: user.id, siteId: g.siteId ?? null, role: g.role });
      const dto = await this.toDto(em, user);
      await this.audit.record(em, { organizationId: p.organizationId, action: 'user.created', entityType: 'user', entityId: user.id, after: dto });
      return dto;
    });
  }

  async update(p: Principal, id: string, body: UpdateUserDto): Promise<UserDto> {
    return this.ds.transaction(async (em) => {
      const user = await this.visibleUser(em, p, id, true);
      if (body.active === false && user.id === p.userId) throw new ProblemException(409, 'CANNOT_DISABLE_SELF', 'you cannot disable your own account');
      if (!this.access.isOrgAdmin(p) && !(await this.onlyManagerGrantable(em, user.id))) {
        throw new ProblemException(403, PlatformCodes.FORBIDDEN, 'only an admin changes a manager or an org-wide account');
      }
      const before = { displayName: user.displayName, active: user.active };
      Object.assign(user, body);
      await em.getRepository(User).save(user);
      if (body.active === false) {
        await em.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [user.id]);
        await this.revocations.revoke(em, user.id);
      }
      await this.audit.record(em, { organizationId: p.organizationId, action: 'user.updated', entityType: 'user', entityId: user.id, before, after: { displayName: user.displayName, active: user.active } });
      return this.toDto(em, user);
    });
  }

  async grant(p: Principal, id: string, g: RoleGrantDto): Promise<UserDto> {
    await this.assertCanGrant(p, g);
    return this.ds.transaction(async (em) => {
      const user = await this.visibleUser(em, p, id, true, g.siteId ?? undefined);
      if (g.role === 'partner' && !user.agencyId) throw new ProblemException(409, 'PARTNER_NEEDS_AGENCY', 'a partner role needs a user of an agency');
      const exists = await em.getRepository(RoleAssignment).exists({ where: { userId: user.id, siteId: g.siteId ?? IsNull(), role: g.role, revokedAt: IsNull() } });
      if (exists) throw new ProblemException(409, 'ROLE_ALREADY_HELD', 'the user already holds this role there');
      const row = await em.getRepository(RoleAssignment).save(em.getRepository(RoleAssignment).create({ organizationId: p.organizationId, userId: user.id, siteId: g.siteId ?? null, role: g.role }));
      await this.audit.record(em, { organizationId: p.organizationId, siteId: g.siteId ?? null, action: 'role.granted', entityType: 'user', entityId: user.id, after: { assignmentId: row.id, siteId: row.siteId, role: row.role } });
      return this.toDto(em, user);
    });
  }

  async revoke(p: Principal, id: string, assignmentId: string, reason?: string): Promise<UserDto> {
    return this.ds.transaction(async (em) => {
      const user = await this.visibleUser(em, p, id, true);
      const row = await em.getRepository(RoleAssignment).findOne({ where: { id: assignmentId, userId: user.id, revokedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('role assignment');
      await this.assertCanGrant(p, { siteId: row.siteId, role: row.role });
      if (row.userId === p.userId && row.role === 'admin') throw new ProblemException(409, 'CANNOT_REVOKE_OWN_ADMIN', 'you cannot take away your own admin role');
      await em.getRepository(RoleAssignment).update({ id: row.id }, { revokedAt: new Date() });
      // The role is gone from the next token; the current ones stop counting now (GEN-7).
      await this.revocations.revoke(em, user.id);
      await this.audit.record(em, { organizationId: p.organizationId, siteId: row.siteId, action: 'role.revoked', entityType: 'user', entityId: user.id, before: { assignmentId: row.id, siteId: row.siteId, role: row.role }, reason: reason ?? null });
      return this.toDto(em, user);
    });
  }

  private async assertCanGrant(p: Principal, g: { siteId?: string | null; role: Role }) {
    if (this.access.isOrgAdmin(p)) {
      if (g.siteId) await this.access.requireSite(p, g.siteId);
      return;
    }
    if (!g.siteId) throw new ProblemException(403, PlatformCodes.FORBIDDEN, 'only an admin grants roles on every site');
    await this.access.requireSite(p, g.siteId, ['manager', 'director']);
    if (!MANAGER_GRANTABLE_ROLES.includes(g.role)) throw new ProblemException(403, PlatformCodes.FORBIDDEN, `only an admin grants the role ${g.role}`);
  }

  private async onlyManagerGrantable(em: EntityManager, userId: string) {
    const roles = await em.getRepository(RoleAssignment).find({ where: { userId, revokedAt: IsNull() } });
    return roles.every((r) => r.siteId && MANAGER_GRANTABLE_ROLES.includes(r.role));
  }

  /** A user the principal may see: same organization and, for non-admins, a role on one of their managed sites. */
  private async visibleUser(em: EntityManager, p: Principal, id: string, lock = false, newSiteId?: string): Promise<User> {
    const user = await em.getRepository(User).findOne({ where: { id, organizationId: p.organizationId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw notFound('user');
    if (this.access.isOrgAdmin(p)) return user;
    const managed = await this.access.siteIds(p, STAFF_ADMINS);
    const theirs = await em.getRepository(RoleAssignment).find({ where: { userId: id, revokedAt: IsNull() } });
    const shares = theirs.some((r) => r.siteId && managed.includes(r.siteId)) || (newSiteId && managed.includes(newSiteId) && theirs.length === 0);
    if (!shares && user.id !== p.userId) throw notFound('user');
    return user;
  }

  private async toDto(em: EntityManager, u: User): Promise<UserDto> {
    const roles = await em.getRepository(RoleAssignment).find({ where: { userId: u.id, revokedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return {
      id: u.id,
      login: u.login,
      displayName: u.displayName,
      locale: u.locale,
      active: u.active,
      agencyId: u.agencyId,
      createdAt: u.createdAt,
      roles: roles.map((r) => ({ id: r.id, siteId: r.siteId, role: r.role, createdAt: r.createdAt })),
    };
  }
}
