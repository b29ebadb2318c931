import { Injectable } from '@nestjs/common';
import { appealDeadline, appealDeciderRoles, checkAppeal, checkNewDispute, decideAppeal, decideDispute, reportStatusAt, type Role } from '@sitedesk/domain';
import { createHash } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { EventsService } from '../../platform/events/events.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { page, paging } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { Customer, CustomerEvent, PartnerReport } from './client-attribution.entities.js';
import { phoneOf } from './customer-commands.service.js';
import { CustomersService } from './customers.service.js';
import { ATTACHMENT_MAX_BYTES, type AppealDto, type AppealInputDto, type AppealsQuery, type DisputeDto, type DisputesQuery, type PartnerAppealsQuery } from './disputes.dto.js';
import { ClientAppeal, ClientAttachment, ClientDispute } from './disputes.entities.js';
import { ClientPolicyService } from './policy.service.js';

/** Who decides disputes (CA-12) and sees all of a site's disputes and appeals. */
export const DISPUTE_DECIDERS: Role[] = ['manager', 'director'];
const SITE_READERS: Role[] = ['manager', 'director', 'admin'];

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'text/plain': (b) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
};

/** Decodes and checks the attachments before anything is written. */
function decodeAttachments(input: AppealInputDto['attachments']) {
  return (input ?? []).map((a, i) => {
    const content = Buffer.from(a.contentBase64, 'base64');
    if (!content.length) throw validationFailed([{ field: `attachments.${i}.contentBase64`, message: 'empty file' }]);
    if (content.length > ATTACHMENT_MAX_BYTES) throw validationFailed([{ field: `attachments.${i}.contentBase64`, message: `at most ${ATTACHMENT_MAX_BYTES} bytes` }]);
    if (!MAGIC[a.contentType](content)) throw validationFailed([{ field: `attachments.${i}.contentType`, message: `the content is not ${a.contentType}` }]);
    return { fileName: a.fileName.trim(), contentType: a.contentType, content, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  });
}

/**
 * CA-12 disputes (判单) and CA-17 appeals (申诉). A dispute is visible only to its parties and the
 * managers until decided (and after); the decision is a `decision` event in the customer's history, so
 * `decideOwner` gives the customer to the winner. Appeals carry a statement and attachments and are
 * decided once, above the decider; they stay on the customer's record.
 */
@Injectable()
export class DisputesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly customers: CustomersService,
    private readonly policies: ClientPolicyService,
    private readonly events: EventsService,
  ) {}

  async raise(p: Principal, site: SiteRef, body: { phone: string; statement: string }): Promise<DisputeDto> {
    const phone = phoneOf(body.phone);
    const id = await this.ds.transaction(async (em) => {
      const customer = await em.getRepository(Customer).findOne({ where: { siteId: site.id, phone }, lock: { mode: 'pessimistic_write' } });
      if (!customer) throw notFound('customer');
      const ownership = await this.customers.recompute(em, site, customer);
      const parties = checkNewDispute(p.userId, ownership.ownerId);
      const open = await em.getRepository(ClientDispute).exists({ where: { customerId: customer.id, claimantId: p.userId, status: 'open' } });
      if (open) throw new ProblemException(409, 'DISPUTE_OPEN', 'you already have an open dispute over this customer');
      const row = await em.getRepository(ClientDispute).save(em.getRepository(ClientDispute).create({ siteId: site.id, customerId: customer.id, ...parties, statement: body.statement.trim(), status: 'open' }));
      // CA-12: not on the customer's timeline until decided (visible only to the parties and the managers).
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.dispute_raised', entityType: 'client_dispute', entityId: row.id, after: { customerId: customer.id, ...parties } });
      return row.id;
    });
    return this.get(p, id);
  }

  /** CA-12: the parties and the managers; anyone else gets a 404. */
  private async visibleDispute(p: Principal, id: string, em: EntityManager = this.ds.manager, lock = false): Promise<{ dispute: ClientDispute; site: SiteRef; roles: Role[] }> {
    const dispute = await em.getRepository(ClientDispute).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!dispute) throw notFound('dispute');
    const { site, roles } = await this.access.requireSite(p, dispute.siteId).catch(() => {
      throw notFound('dispute');
    });
    const party = dispute.claimantId === p.userId || dispute.respondentId === p.userId;
    if (!party && !roles.some((r) => SITE_READERS.includes(r))) throw notFound('dispute');
    return { dispute, site, roles };
  }

  async list(p: Principal, site: SiteRef, roles: Role[], q: DisputesQuery) {
    const qb = this.ds.getRepository(ClientDispute).createQueryBuilder('d').where('d.site_id = :site', { site: site.id });
    if (!roles.some((r) => SITE_READERS.includes(r))) qb.andWhere('(d.claimant_id = :me OR d.respondent_id = :me)', { me: p.userId });
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('d.created_at', 'DESC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    return page(await this.disputeDtos(site, rows), total, q);
  }

  async get(p: Principal, id: string): Promise<DisputeDto> {
    const { dispute, site } = await this.visibleDispute(p, id);
    return (await this.disputeDtos(site, [dispute]))[0];
  }

  /** CA-12: the manager decides with reasons and rule ids; a second decision (two managers at once) is a 409. */
  async decide(p: Principal, id: string, body: { winnerId: string; reasons: string; ruleIds: string[] }): Promise<DisputeDto> {
    await this.ds.transaction(async (em) => {
      const { dispute, site, roles } = await this.visibleDispute(p, id, em, true);
      if (!roles.some((r) => DISPUTE_DECIDERS.includes(r))) throw new ProblemException(403, 'FORBIDDEN', 'disputes are decided by the manager (CA-12)');
      if (dispute.status !== 'open') throw new ProblemException(409, 'DISPUTE_DECIDED', 'this dispute has already been decided');
      const decided = decideDispute({ claimantId: dispute.claimantId, respondentId: dispute.respondentId }, p.userId, body);
      const now = new Date();
      const customer = await em.getRepository(Customer).findOneOrFail({ where: { id: dispute.customerId }, lock: { mode: 'pessimistic_write' } });
      await em.getRepository(CustomerEvent).insert({
        siteId: site.id,
        customerId: customer.id,
        kind: 'decision',
        at: now,
        consultantId: decided.winnerId,
        details: { disputeId: dispute.id, reasons: body.reasons, ruleIds: decided.ruleIds, decidedBy: p.userId },
        recordedBy: p.userId,
      });
      const ownership = await this.customers.recompute(em, site, customer, now);
      Object.assign(dispute, { status: 'decided', winnerId: decided.winnerId, reasons: body.reasons.trim(), ruleIds: decided.ruleIds, decidedBy: p.userId, decidedAt: now });
      await em.getRepository(ClientDispute).save(dispute);
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.dispute_decided',
        entityType: 'client_dispute',
        entityId: dispute.id,
        before: { status: 'open' },
        after: { status: 'decided', winnerId: decided.winnerId, ruleIds: decided.ruleIds, ownerId: ownership.ownerId },
        reason: body.reasons,
      });
      // Ids only: what the dispute was about stays with the parties and the managers (CA-12).
      await this.events.publish(em, site.id, 'client.dispute', { disputeId: dispute.id, status: 'decided' });
    });
    return this.get(p, id);
  }

  private async saveAppeal(em: EntityManager, site: SiteRef, p: Principal, row: Partial<ClientAppeal>, input: AppealInputDto, files: ReturnType<typeof decodeAttachments>): Promise<ClientAppeal> {
    const appeal = await em.getRepository(ClientAppeal).save(em.getRepository(ClientAppeal).create({ ...row, siteId: site.id, appellantId: p.userId, statement: input.statement.trim(), status: 'open' }));
    for (const f of files) await em.getRepository(ClientAttachment).insert({ siteId: site.id, appealId: appeal.id, ...f });
    if (appeal.customerId) {
      await em.getRepository(CustomerEvent).insert({
        siteId: site.id,
        customerId: appeal.customerId,
        kind: 'appeal',
        at: new Date(),
        consultantId: row.agencyId ? null : p.userId,
        details: { appealId: appeal.id, subject: appeal.subject, disputeId: appeal.disputeId ?? undefined, reportId: appeal.reportId ?? undefined, agencyId: appeal.agencyId ?? undefined, statement: appeal.statement, attachments: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })) },
        recordedBy: p.userId,
      });
    }
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action: 'client.appeal_filed',
      entityType: 'client_appeal',
      entityId: appeal.id,
      after: { subject: appeal.subject, disputeId: appeal.disputeId, reportId: appeal.reportId, agencyId: appeal.agencyId, attachments: files.map((f) => f.sha256) },
    });
    await this.events.publish(em, site.id, 'client.appeal', { appealId: appeal.id, status: 'open' });
    return appeal;
  }

  /** CA-17: the losing party appeals a dispute's decision, within the policy's days, once. */
  async appealDispute(p: Principal, disputeId: string, input: AppealInputDto): Promise<AppealDto> {
    const files = decodeAttachments(input.attachments);
    const id = await this.ds.transaction(async (em) => {
      const { dispute, site } = await this.visibleDispute(p, disputeId, em, true);
      if (dispute.status !== 'decided') throw new ProblemException(409, 'DISPUTE_NOT_DECIDED', 'only a decided dispute is appealed');
      const { policy } = await this.policies.current(site, em);
      const already = await em.getRepository(ClientAppeal).exists({ where: { disputeId: dispute.id } });
      const loserId = dispute.winnerId === dispute.claimantId ? dispute.respondentId : dispute.claimantId;
      const { deadline } = checkAppeal({ kind: 'dispute', decidedAt: dispute.decidedAt!, loserId, deciderId: dispute.decidedBy! }, { userId: p.userId }, already, new Date(), policy);
      return (await this.saveAppeal(em, site, p, { subject: 'dispute', disputeId: dispute.id, customerId: dispute.customerId, agencyId: null, deadline }, input, files)).id;
    });
    return this.getAppeal(p, id);
  }

  /** CA-17 through the partner API: an agency appeals how one of its own reports was judged (another agency's report: 404). */
  async appealReport(p: Principal, input: AppealInputDto & { reportId: string }): Promise<AppealDto> {
    if (!p.agencyId) throw new ProblemException(403, 'NOT_A_PARTNER', 'appeals of reports are made by partner agencies');
    const files = decodeAttachments(input.attachments);
    const id = await this.ds.transaction(async (em) => {
      const report = await em.getRepository(PartnerReport).findOne({ where: { id: input.reportId, agencyId: p.agencyId! }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw notFound('report');
      const { site } = await this.access.requireSite(p, report.siteId, ['partner']).catch(() => {
        throw notFound('report');
      });
      const { policy } = await this.policies.current(site, em);
      const status = reportStatusAt(report.status, report.expiresAt, new Date());
      const judgedAt = report.visitedAt ?? (status === 'expired' ? report.expiresAt : report.createdAt);
      const already = await em.getRepository(ClientAppeal).exists({ where: { reportId: report.id } });
      const { deadline } = checkAppeal({ kind: 'report', judgedAt, status }, { userId: p.userId }, already, new Date(), policy);
      let customerId = report.customerId;
      if (!customerId && report.phone) customerId = (await em.getRepository(Customer).findOne({ where: { siteId: site.id, phone: report.phone }, select: { id: true } }))?.id ?? null;
      return (await this.saveAppeal(em, site, p, { subject: 'report', reportId: report.id, customerId, agencyId: p.agencyId, deadline }, input, files)).id;
    });
    return this.getAppeal(p, id);
  }

  /** Who may read an appeal: the appellant, their agency, the dispute's parties, the site's managers. */
  private async visibleAppeal(p: Principal, id: string, em: EntityManager = this.ds.manager, lock = false): Promise<{ appeal: ClientAppeal; site: SiteRef; roles: Role[] }> {
    const appeal = await em.getRepository(ClientAppeal).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!appeal) throw notFound('appeal');
    const { site, roles } = await this.access.requireSite(p, appeal.siteId).catch(() => {
      throw notFound('appeal');
    });
    let allowed = appeal.appellantId === p.userId || (!!appeal.agencyId && appeal.agencyId === p.agencyId) || roles.some((r) => SITE_READERS.includes(r));
    if (!allowed && appeal.disputeId) {
      const d = await em.getRepository(ClientDispute).findOneBy({ id: appeal.disputeId });
      allowed = !!d && (d.claimantId === p.userId || d.respondentId === p.userId);
    }
    if (!allowed) throw notFound('appeal');
    return { appeal, site, roles };
  }

  async getAppeal(p: Principal, id: string): Promise<AppealDto> {
    const { appeal } = await this.visibleAppeal(p, id);
    return (await this.appealDtos([appeal]))[0];
  }

  async listAppeals(site: SiteRef, q: AppealsQuery) {
    const [rows, total] = await this.ds.getRepository(ClientAppeal).findAndCount({ where: { siteId: site.id, ...(q.status ? { status: q.status } : {}) }, order: { createdAt: 'DESC' }, ...paging(q) });
    return page(await this.appealDtos(rows), total, q);
  }

  async listPartnerAppeals(p: Principal, q: PartnerAppealsQuery) {
    const [rows, total] = await this.ds.getRepository(ClientAppeal).findAndCount({
      where: { agencyId: p.agencyId ?? '00000000-0000-0000-0000-000000000000', ...(q.siteId ? { siteId: q.siteId } : {}) },
      order: { createdAt: 'DESC' },
      ...paging(q),
    });
    return page(await this.appealDtos(rows), total, q);
  }

  async attachment(p: Principal, appealId: string, attachmentId: string): Promise<ClientAttachment> {
    await this.visibleAppeal(p, appealId);
    const file = await this.ds.getRepository(ClientAttachment).findOne({
      where: { id: attachmentId, appealId },
      select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, content: true },
    });
    if (!file) throw notFound('attachment');
    return file;
  }

  /**
   * CA-17: decided once, with reasons, by the level above the decider (a dispute: the director; a
   * report: the manager). Upheld: a dispute's customer goes to the appellant (a final `decision`
   * event); a report counts as valid and its agency gets the channel credit.
   */
  async decideAppeal(p: Principal, id: string, body: { outcome: 'upheld' | 'rejected'; reasons: string; ruleIds: string[] }): Promise<AppealDto> {
    await this.ds.transaction(async (em) => {
      const { appeal, site, roles } = await this.visibleAppeal(p, id, em, true);
      const deciders = appealDeciderRoles(appeal.subject);
      if (!roles.some((r) => deciders.includes(r as 'manager'))) throw new ProblemException(403, 'FORBIDDEN', `this appeal is decided by: ${deciders.join(', ')} (CA-17)`);
      if (appeal.status !== 'open') throw new ProblemException(409, 'APPEAL_DECIDED', 'this appeal has already been decided; the decision is final');
      const dispute = appeal.disputeId ? await em.getRepository(ClientDispute).findOneByOrFail({ id: appeal.disputeId }) : null;
      const decided = decideAppeal({ subject: appeal.subject, appellantId: appeal.appellantId, disputeDeciderId: dispute?.decidedBy }, p.userId, body);
      const now = new Date();
      if (decided.outcome === 'upheld' && dispute) {
        await em.getRepository(CustomerEvent).insert({
          siteId: site.id,
          customerId: dispute.customerId,
          kind: 'decision',
          at: now,
          consultantId: appeal.appellantId,
          details: { disputeId: dispute.id, appealId: appeal.id, final: true, reasons: body.reasons, ruleIds: decided.ruleIds, decidedBy: p.userId },
          recordedBy: p.userId,
        });
      }
      if (decided.outcome === 'upheld' && appeal.reportId) {
        const report = await em.getRepository(PartnerReport).findOneOrFail({ where: { id: appeal.reportId }, lock: { mode: 'pessimistic_write' } });
        report.status = 'valid';
        report.statusReason = 'appeal_upheld';
        await em.getRepository(PartnerReport).save(report);
        if (appeal.customerId) {
          await em.getRepository(CustomerEvent).insert({
            siteId: site.id,
            customerId: appeal.customerId,
            kind: 'agency_report',
            at: now,
            details: { agencyId: report.agencyId, status: 'valid', reportId: report.id, appealId: appeal.id },
            recordedBy: p.userId,
          });
        }
      }
      if (appeal.customerId) {
        await em.getRepository(CustomerEvent).insert({
          siteId: site.id,
          customerId: appeal.customerId,
          kind: 'appeal_decision',
          at: now,
          consultantId: null,
          details: { appealId: appeal.id, outcome: decided.outcome, reasons: body.reasons, ruleIds: decided.ruleIds, decidedBy: p.userId },
          recordedBy: p.userId,
        });
        const customer = await em.getRepository(Customer).findOneOrFail({ where: { id: appeal.customerId }, lock: { mode: 'pessimistic_write' } });
        await this.customers.recompute(em, site, customer, now);
      }
      Object.assign(appeal, { status: decided.outcome, reasons: body.reasons.trim(), ruleIds: decided.ruleIds, decidedBy: p.userId, decidedAt: now });
      await em.getRepository(ClientAppeal).save(appeal);
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.appeal_decided',
        entityType: 'client_appeal',
        entityId: appeal.id,
        before: { status: 'open' },
        after: { status: decided.outcome, ruleIds: decided.ruleIds },
        reason: body.reasons,
      });
      await this.events.publish(em, site.id, 'client.appeal', { appealId: appeal.id, status: decided.outcome });
    });
    return this.getAppeal(p, id);
  }

  private async appealDtos(rows: ClientAppeal[]): Promise<AppealDto[]> {
    const files = rows.length ? await this.ds.getRepository(ClientAttachment).find({ where: { appealId: In(rows.map((r) => r.id)) }, order: { createdAt: 'ASC' } }) : [];
    const names = await userNames(this.ds.manager, rows.map((r) => r.appellantId));
    return rows.map((a) => ({
      id: a.id,
      siteId: a.siteId,
      subject: a.subject,
      disputeId: a.disputeId,
      reportId: a.reportId,
      customerId: a.customerId,
      appellantId: a.appellantId,
      appellantName: names.get(a.appellantId) ?? null,
      agencyId: a.agencyId,
      statement: a.statement,
      deadline: a.deadline,
      status: a.status,
      reasons: a.reasons,
      ruleIds: a.ruleIds,
      decidedAt: a.decidedAt,
      attachments: files.filter((f) => f.appealId === a.id).map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256 })),
      createdAt: a.createdAt,
    }));
  }

  private async disputeDtos(site: SiteRef, rows: ClientDispute[]): Promise<DisputeDto[]> {
    if (!rows.length) return [];
    const { policy } = await this.policies.current(site);
    const customers = await this.ds.getRepository(Customer).find({ where: { id: In(rows.map((r) => r.customerId)) }, select: { id: true, name: true } });
    const appeals = await this.ds.getRepository(ClientAppeal).find({ where: { disputeId: In(rows.map((r) => r.id)) } });
    const appealDtos = await this.appealDtos(appeals);
    const names = await userNames(this.ds.manager, rows.flatMap((r) => [r.claimantId, r.respondentId]));
    return rows.map((d) => ({
      id: d.id,
      siteId: d.siteId,
      customerId: d.customerId,
      customerName: customers.find((c) => c.id === d.customerId)?.name ?? '',
      claimantId: d.claimantId,
      claimantName: names.get(d.claimantId) ?? null,
      respondentId: d.respondentId,
      respondentName: d.respondentId ? (names.get(d.respondentId) ?? null) : null,
      statement: d.statement,
      status: d.status,
      winnerId: d.winnerId,
      reasons: d.reasons,
      ruleIds: d.ruleIds,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
      appealDeadline: d.decidedAt ? appealDeadline(d.decidedAt, policy) : null,
      appeal: appealDtos.find((a) => a.disputeId === d.id) ?? null,
      createdAt: d.createdAt,
    }));
  }
}
