import { Injectable, OnModuleInit } from '@nestjs/common';
import { DEFAULT_CA_POLICY, fen, FOLLOW_UP_FORM_FIELDS, followUpDueAt, followUpEveryDays, isSameDayEntry, missedFollowUps, missingFieldFine, type ClientAttributionPolicy, type Role } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DisciplineService } from '../../platform/discipline/discipline.service.js';
import { EventsService } from '../../platform/events/events.service.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { page, paging, type PageQuery } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { ClientPolicyVersion, Customer, CustomerEvent, type Grade } from './client-attribution.entities.js';
import type { FollowUpMissDto, FollowUpOutcomeDto, OverdueFollowUpDto, RecordClientFollowUpDto } from './follow-ups.dto.js';
import { FollowUpMiss } from './follow-ups.entities.js';
import { ClientPolicyService } from './policy.service.js';

export const OVERSEERS: Role[] = ['supervisor', 'manager', 'director', 'admin'];
export const MANAGERS: Role[] = ['manager', 'director', 'admin'];

/** The job that fines missed follow-ups; daily, and correct whenever it runs (GEN-8). */
export const FOLLOW_UP_FINES_JOB = 'client.follow_up.fines';

/**
 * CA-5 follow-up duty: the owner's follow-up records (customer events of kind `follow_up`), the overdue
 * lists derived from the stored history when read (GEN-8), the daily fine of each missed due date in the
 * discipline register (GEN-9) and the manager's exemption. GEN-11: late entries are flagged, blank form
 * fields fined.
 */
@Injectable()
export class FollowUpsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly policies: ClientPolicyService,
    private readonly discipline: DisciplineService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit() {
    this.jobs.every(FOLLOW_UP_FINES_JOB, 86_400_000, async (_job, em) => {
      await this.fineMissed(em, new Date());
    });
  }

  /** A customer the caller may work with: another site's, or a colleague's for a consultant, is a 404. */
  async customerFor(p: Principal, id: string): Promise<{ customer: Customer; site: SiteRef; roles: Role[] }> {
    const customer = await this.ds.getRepository(Customer).findOneBy({ id });
    if (!customer) throw notFound('customer');
    const { site, roles } = await this.access.requireSite(p, customer.siteId).catch(() => {
      throw notFound('customer');
    });
    return { customer, site, roles };
  }

  /** CA-5: the owner records a follow-up, the same day (GEN-11 flags a later entry and fines blank fields). */
  async record(p: Principal, customerId: string, body: RecordClientFollowUpDto): Promise<FollowUpOutcomeDto> {
    const { customer: found, site, roles } = await this.customerFor(p, customerId);
    const isOverseer = roles.some((r) => OVERSEERS.includes(r));
    if (found.ownerId !== p.userId && !isOverseer) throw notFound('customer');
    const now = new Date();
    const at = body.occurredAt ? new Date(body.occurredAt) : now;
    if (at > now || now.getTime() - at.getTime() > 7 * 86_400_000) throw validationFailed([{ field: 'occurredAt', message: 'within the last 7 days' }]);
    const { version, policy } = await this.policies.current(site);
    return this.ds.transaction(async (em) => {
      const customer = await em.getRepository(Customer).findOneOrFail({ where: { id: customerId }, lock: { mode: 'pessimistic_write' } });
      if (customer.ownerId !== p.userId) throw new ProblemException(403, 'NOT_CUSTOMER_OWNER', 'follow-ups are recorded by the customer\'s owner (CA-5)');
      if (!customer.protectedUntil || customer.protectedUntil <= now) throw new ProblemException(409, 'CUSTOMER_IN_OPEN_POOL', 'the protection window ran out: re-register the customer first (CA-5)');
      if (customer.ownerSince && at < customer.ownerSince) throw validationFailed([{ field: 'occurredAt', message: 'not before the ownership began' }]);
      const form = { content: body.content, grade: body.grade ?? null, nextStep: body.nextStep ?? null };
      const blanks = missingFieldFine(form, FOLLOW_UP_FORM_FIELDS, fen(policy.blankFieldFineFen));
      const lateEntry = !isSameDayEntry(at, now, site.timeZone);
      const event = await em.getRepository(CustomerEvent).save(
        em.getRepository(CustomerEvent).create({
          siteId: site.id,
          customerId: customer.id,
          kind: 'follow_up',
          at,
          consultantId: p.userId,
          details: { channel: body.channel, content: body.content, grade: body.grade ?? null, nextStep: body.nextStep?.trim() || null, blankFields: blanks.missing },
          recordedBy: p.userId,
          lateEntry,
        }),
      );
      if (body.grade && body.grade !== customer.grade) {
        customer.grade = body.grade as Grade;
        customer.updatedAt = now;
        await em.getRepository(Customer).save(customer);
      }
      if (blanks.missing.length && blanks.amountFen > 0) {
        await this.discipline.issue(
          em,
          site,
          {
            userId: p.userId,
            kind: 'fine',
            ruleId: 'GEN-11',
            amountFen: blanks.amountFen,
            evidence: `follow-up of ${customer.name || customer.phone} on ${at.toISOString()}: blank ${blanks.missing.join(', ')} (policy v${version})`,
            sourceModule: 'client-attribution',
            sourceRef: `follow_up:${event.id}`,
          },
          null,
        );
      }
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.follow_up_recorded',
        entityType: 'customer',
        entityId: customer.id,
        after: { eventId: event.id, channel: body.channel, lateEntry, blankFields: blanks.missing },
      });
      await this.events.publish(em, site.id, 'client.follow_up', { customerId: customer.id, ownerId: p.userId });
      const last = at > (customer.ownerSince ?? at) ? at : customer.ownerSince!;
      const nextDueAt = followUpDueAt({ customerId: customer.id, ownerId: p.userId, ownedSince: customer.ownerSince ?? at, visited: customer.visited, lastFollowUpAt: last }, policy);
      return { id: event.id, customerId: customer.id, at, lateEntry, blankFields: blanks.missing, fineFen: blanks.missing.length ? blanks.amountFen : 0, nextDueAt };
    });
  }

  /** A customer's follow-ups, newest first (the owner and the overseers). */
  async list(p: Principal, customerId: string, q: PageQuery) {
    const { customer, roles } = await this.customerFor(p, customerId);
    if (customer.ownerId !== p.userId && !roles.some((r) => OVERSEERS.includes(r))) throw notFound('customer');
    const [rows, total] = await this.ds.getRepository(CustomerEvent).findAndCount({ where: { customerId, kind: 'follow_up' }, order: { at: 'DESC' }, ...paging(q) });
    const names = await userNames(this.ds.manager, rows.map((r) => r.consultantId));
    return page(
      rows.map((e) => {
        const d = e.details as { channel: string; content: string; grade: string | null; nextStep: string | null };
        return { id: e.id, at: e.at, consultantId: e.consultantId!, consultantName: names.get(e.consultantId!) ?? '', channel: d.channel, content: d.content, grade: d.grade, nextStep: d.nextStep, lateEntry: e.lateEntry };
      }),
      total,
      q,
    );
  }

  /**
   * CA-5 overdue follow-ups (GEN-8: derived from the stored history when read): the owned customers whose
   * next follow-up is due, earliest first — a consultant's own, or the site's (one consultant optional).
   */
  async overdue(site: SiteRef, ownerId: string | null, q: PageQuery, now = new Date()) {
    const { policy } = await this.policies.current(site);
    const rows: { id: string; name: string; phone: string; grade: string; owner_id: string; owner_since: Date; protected_until: Date; visited: boolean; last_at: Date | null }[] = await this.ds.query(
      `SELECT c.id, c.name, c.phone, c.grade, c.owner_id, c.owner_since, c.protected_until, c.visited,
              (SELECT max(e.at) FROM customer_event e WHERE e.customer_id = c.id AND e.kind = 'follow_up' AND e.consultant_id = c.owner_id) AS last_at
         FROM customer c
        WHERE c.site_id = $1 AND c.owner_id IS NOT NULL AND c.protected_until > $2 AND ($3::uuid IS NULL OR c.owner_id = $3)`,
      [site.id, now, ownerId],
    );
    const due = rows
      .map((r) => ({ r, dueAt: followUpDueAt({ customerId: r.id, ownerId: r.owner_id, ownedSince: r.owner_since, visited: r.visited, lastFollowUpAt: r.last_at }, policy) }))
      .filter((x) => x.dueAt <= now)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.r.id.localeCompare(b.r.id));
    const { skip, take } = paging(q);
    const slice = due.slice(skip, skip + take);
    const names = await userNames(this.ds.manager, slice.map((x) => x.r.owner_id));
    const items: OverdueFollowUpDto[] = slice.map(({ r, dueAt }) => ({
      customerId: r.id,
      customerName: r.name,
      phone: r.phone,
      grade: r.grade,
      ownerId: r.owner_id,
      ownerName: names.get(r.owner_id) ?? '',
      visited: r.visited,
      everyDays: followUpEveryDays(r.visited, policy),
      lastFollowUpAt: r.last_at && r.last_at > r.owner_since ? r.last_at : null,
      dueAt,
      protectedUntil: r.protected_until,
    }));
    return page(items, due.length, q);
  }

  /**
   * The daily job (GEN-8, GEN-9): every due date that passed without a follow-up, found from the stored
   * history up to `now`, is recorded once (unique per customer, owner and due date) and fined at the
   * site's policy amount in the discipline register. A late or repeated run records exactly the same.
   */
  async fineMissed(em: EntityManager, now: Date, siteId?: string): Promise<number> {
    const customers: { id: string; site_id: string; name: string; phone: string; owner_id: string; owner_since: Date; protected_until: Date; visited: boolean }[] = await em.query(
      `SELECT id, site_id, name, phone, owner_id, owner_since, protected_until, visited FROM customer
        WHERE owner_id IS NOT NULL AND owner_since IS NOT NULL AND ($1::uuid IS NULL OR site_id = $1) ORDER BY site_id, id`,
      [siteId ?? null],
    );
    let fined = 0;
    const sites = new Map<string, { site: SiteRef; at: (t: Date) => { version: number; policy: ClientAttributionPolicy } }>();
    for (const c of customers) {
      let entry = sites.get(c.site_id);
      if (!entry) {
        const site = await this.access.site(c.site_id);
        if (!site) continue;
        await this.policies.current(site, em);
        // Each due date is judged by the version in force then (a new version never rewrites the past).
        const versions = await em.getRepository(ClientPolicyVersion).find({ where: { siteId: site.id }, order: { version: 'DESC' } });
        const all = versions.map((v) => ({ version: v.version, createdAt: v.createdAt, policy: { ...DEFAULT_CA_POLICY, ...v.policy } }));
        entry = { site, at: (t: Date) => all.find((v) => v.createdAt <= t) ?? all[all.length - 1] };
        sites.set(c.site_id, entry);
      }
      const { site, at } = entry;
      const follow: { at: Date }[] = await em.query(`SELECT at FROM customer_event WHERE customer_id = $1 AND kind = 'follow_up' AND consultant_id = $2 AND at > $3`, [c.id, c.owner_id, c.owner_since]);
      const missed = missedFollowUps({ ownedSince: c.owner_since, protectedUntil: c.protected_until, visited: c.visited, followUps: follow.map((f) => f.at) }, (t) => at(t).policy, now);
      for (const dueAt of missed) {
        const { version, policy } = at(dueAt);
        const inserted = await em
          .createQueryBuilder()
          .insert()
          .into(FollowUpMiss)
          .values({ siteId: c.site_id, customerId: c.id, ownerId: c.owner_id, dueAt, policyVersion: version, amountFen: policy.missedFollowUpFineFen })
          .orIgnore()
          .returning(['id'])
          .execute();
        if (!inserted.raw.length) continue;
        fined++;
        const missId = inserted.raw[0].id as string;
        if (policy.missedFollowUpFineFen > 0) {
          const d = await this.discipline.issue(
            em,
            site,
            {
              userId: c.owner_id,
              kind: 'fine',
              ruleId: 'CA-5',
              amountFen: fen(policy.missedFollowUpFineFen),
              evidence: `no follow-up of ${c.name || c.phone} recorded by ${dueAt.toISOString()} (policy v${version})`,
              sourceModule: 'client-attribution',
              sourceRef: `follow_up_miss:${missId}`,
            },
            null,
          );
          await em.getRepository(FollowUpMiss).update({ id: missId }, { disciplineEntryId: d.id });
        }
      }
    }
    return fined;
  }

  async misses(site: SiteRef, ownerId: string | null, status: 'fined' | 'exempted' | undefined, q: PageQuery) {
    const qb = this.ds.getRepository(FollowUpMiss).createQueryBuilder('m').where('m.site_id = :site', { site: site.id });
    if (ownerId) qb.andWhere('m.owner_id = :owner', { owner: ownerId });
    if (status) qb.andWhere('m.status = :status', { status });
    const [rows, total] = await qb.orderBy('m.due_at', 'DESC').addOrderBy('m.id').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    return page(await this.describe(rows), total, q);
  }

  private async describe(rows: FollowUpMiss[]): Promise<FollowUpMissDto[]> {
    const names = await userNames(this.ds.manager, rows.flatMap((r) => [r.ownerId, r.exemptedBy]));
    const customers = rows.length ? await this.ds.getRepository(Customer).find({ where: rows.map((r) => ({ id: r.customerId })), select: { id: true, name: true, phone: true } }) : [];
    const cname = new Map(customers.map((c) => [c.id, c.name || c.phone]));
    return rows.map((m) => ({
      id: m.id,
      customerId: m.customerId,
      customerName: cname.get(m.customerId) ?? '',
      ownerId: m.ownerId,
      ownerName: names.get(m.ownerId) ?? '',
      dueAt: m.dueAt,
      amountFen: m.amountFen,
      policyVersion: m.policyVersion,
      status: m.status,
      disciplineEntryId: m.disciplineEntryId,
      exemptedByName: m.exemptedBy ? (names.get(m.exemptedBy) ?? null) : null,
      exemptedAt: m.exemptedAt,
      exemptionReason: m.exemptionReason,
    }));
  }

  /** CA-5: the manager exempts a missed follow-up with a reason: the fine is voided (GEN-9), both audited. */
  async exempt(p: Principal, missId: string, reason: string): Promise<FollowUpMissDto> {
    const row = await this.ds.getRepository(FollowUpMiss).findOneBy({ id: missId });
    if (!row) throw notFound('missed follow-up');
    const { site } = await this.access.requireSite(p, row.siteId).catch(() => {
      throw notFound('missed follow-up');
    });
    await this.access.requireSite(p, row.siteId, MANAGERS);
    if (!reason.trim()) throw validationFailed([{ field: 'reason', message: 'an exemption states its reason' }]);
    const saved = await this.ds.transaction(async (em) => {
      const miss = await em.getRepository(FollowUpMiss).findOneOrFail({ where: { id: missId }, lock: { mode: 'pessimistic_write' } });
      if (miss.status === 'exempted') throw new ProblemException(409, 'ALREADY_EXEMPTED', 'this missed follow-up is already exempted');
      if (miss.ownerId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody exempts their own fine (GEN-6)');
      const before = { ...miss };
      if (miss.disciplineEntryId) await this.discipline.void(em, site, miss.disciplineEntryId, p.userId, `CA-5 exemption: ${reason}`);
      Object.assign(miss, { status: 'exempted', exemptedBy: p.userId, exemptedAt: new Date(), exemptionReason: reason });
      await em.getRepository(FollowUpMiss).save(miss);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.follow_up_exempted', entityType: 'client_follow_up_miss', entityId: miss.id, before, after: miss, reason });
      return miss;
    });
    return (await this.describe([saved]))[0];
  }
}
