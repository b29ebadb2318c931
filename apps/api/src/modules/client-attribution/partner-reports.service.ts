import { Injectable } from '@nestjs/common';
import { decideNewReport, maskPhone, normalizeReportedPhone, patternKey, reportExpiry, reportStatusAt, type ActiveReport } from '@sitedesk/domain';
import { randomInt } from 'node:crypto';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { page, paging } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { BarredAgent, Customer, PartnerReport } from './client-attribution.entities.js';
import type { CreatePartnerReportDto, ListPartnerReportsQuery, PartnerReportDto } from './partner-reports.dto.js';
import { ClientPolicyService } from './policy.service.js';
import { readTogether } from '../../database/read-together.js';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const visitCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export const partnerReportDto = (r: PartnerReport, now = new Date()): PartnerReportDto => {
  const status = reportStatusAt(r.status, r.expiresAt, now);
  return {
    id: r.id,
    status,
    customerName: r.customerName,
    phoneMasked: r.phone ? maskPhone(r.phone) : r.phonePattern,
    expectedVisitAt: r.expectedVisitAt,
    expiresAt: r.expiresAt,
    visitCode: status === 'pending' ? r.visitCode : null,
    visitedAt: r.visitedAt,
    createdAt: r.createdAt,
  };
};

/** CA-6, CA-7, CA-15, CA-16: what partner agencies report, and what they may see of it (GEN-7). */
@Injectable()
export class PartnerReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly policies: ClientPolicyService,
  ) {}

  async submit(p: Principal, site: SiteRef, body: CreatePartnerReportDto): Promise<PartnerReportDto> {
    if (!p.agencyId) throw new ProblemException(403, 'NOT_A_PARTNER', 'reports are made by partner agencies');
    const received = new Date();
    const { policy } = await this.policies.current(site);
    const reported = normalizeReportedPhone(body.phone);
    if (!reported) throw validationFailed([{ field: 'phone', message: 'not a mainland mobile number (or a pattern like 138****5678)' }]);
    if (reported.kind === 'masked' && !policy.maskedReporting) throw new ProblemException(422, 'MASKED_REPORTING_OFF', 'this site takes full phone numbers only (CA-15)');
    const expectedVisitAt = new Date(body.expectedVisitAt);
    if (expectedVisitAt.getTime() < received.getTime() - 60_000 || expectedVisitAt > reportExpiry(received, policy)) {
      throw validationFailed([{ field: 'expectedVisitAt', message: `must be between now and ${policy.reportValidityDays} days from now` }]);
    }
    const key = patternKey(reported);
    return this.ds.transaction(async (em) => {
      const barred = await em.getRepository(BarredAgent).exists({ where: { siteId: site.id, agentId: p.userId, liftedAt: IsNull() } });
      if (barred) throw new ProblemException(403, 'AGENT_BARRED', 'you are barred from bringing customers to this site (CA-6)');
      // Reports that may be the same customer are decided one at a time: the first one wins (CA-6).
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`report:${site.id}:${key}`]);
      // The report is made when its turn comes, not when the request arrived: a request that waited for
      // the lock must not date itself before the report that held it (that one would then not be "earlier").
      const now = new Date();
      const [owned, active] = await readTogether(
        em,
        () => em.getRepository(Customer).find({ where: { siteId: site.id, phonePattern: key, status: 'owned', protectedUntil: MoreThan(now) }, select: { phone: true } }),
        () => em.getRepository(PartnerReport).find({ where: { siteId: site.id, phonePattern: key, status: In(['pending', 'valid']), expiresAt: MoreThan(now) } }),
      );
      const activeReports: ActiveReport[] = active.map((r) => ({
        id: r.id,
        agencyId: r.agencyId,
        reported: r.phone ? { kind: 'full', phone: r.phone } : normalizeReportedPhone(r.phonePattern)!,
        reportedAt: r.createdAt,
        sequence: Number(r.sequence),
        status: r.status,
        expiresAt: r.expiresAt,
      }));
      // Under the lock every earlier report is committed: the new one comes after all of them.
      const decision = decideNewReport({ agencyId: p.agencyId!, reported, at: now, sequence: Number.MAX_SAFE_INTEGER }, { protectedPhones: owned.map((c) => c.phone), activeReports });
      const row = await em.getRepository(PartnerReport).save(
        em.getRepository(PartnerReport).create({
          siteId: site.id,
          agencyId: p.agencyId!,
          agentId: p.userId,
          customerName: body.customerName.trim(),
          phone: reported.kind === 'full' ? reported.phone : null,
          phonePattern: key,
          expectedVisitAt,
          status: decision.status,
          statusReason: decision.reason,
          visitCode: visitCode(),
          expiresAt: reportExpiry(now, policy),
          createdAt: now,
        }),
      );
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.partner_report',
        entityType: 'partner_report',
        entityId: row.id,
        after: { status: row.status, reason: decision.reason, ruleIds: decision.ruleIds, agencyId: row.agencyId, phonePattern: key },
      });
      return partnerReportDto(row, now);
    });
  }

  async list(p: Principal, q: ListPartnerReportsQuery) {
    const now = new Date();
    const qb = this.ds.getRepository(PartnerReport).createQueryBuilder('r').where('r.agency_id = :agency', { agency: p.agencyId });
    if (q.siteId) qb.andWhere('r.site_id = :site', { site: q.siteId });
    // The status as read (GEN-8): a pending report past its validity is expired.
    if (q.status === 'expired') qb.andWhere(`(r.status = 'expired' OR (r.status = 'pending' AND r.expires_at <= :now))`, { now });
    else if (q.status === 'pending') qb.andWhere(`r.status = 'pending' AND r.expires_at > :now`, { now });
    else if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('r.created_at', 'DESC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    return page(rows.map((r) => partnerReportDto(r, now)), total, q);
  }

  /** GEN-7: another agency's report is a 404, never its data. */
  async get(p: Principal, id: string): Promise<PartnerReportDto> {
    const row = await this.ds.getRepository(PartnerReport).findOneBy({ id, agencyId: p.agencyId ?? '00000000-0000-0000-0000-000000000000' });
    if (!row) throw notFound('report');
    return partnerReportDto(row);
  }
}
