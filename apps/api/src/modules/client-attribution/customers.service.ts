import { Injectable, OnModuleInit } from '@nestjs/common';
import { CALL_FORM_FIELDS, checkRegistration, decideOwner, fen, isSameDayEntry, VISIT_RECORD_FIELDS, judgeVisit, normalizePhone, normalizeReportedPhone, patternKey, type Claim, type Ownership, type VisitKind } from '@sitedesk/domain';
import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { DisciplineService } from '../../platform/discipline/discipline.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { EventsService } from '../../platform/events/events.service.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { validationFailed } from '../../platform/http/validation.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { Customer, CustomerEvent, PartnerReport, SmsMessage, type CustomerSource, type Grade } from './client-attribution.entities.js';
import { ClientPolicyService } from './policy.service.js';
import { RotationService } from './rotation.service.js';
import { SMS_SEND_JOB, SmsOutbox } from './sms-outbox.service.js';

/** CA-13: the standard SMS after a registered call (the site's template; {name} and {consultant} filled in). */
export const DEFAULT_SMS_TEMPLATE = '{name}您好,我是您的专属置业顾问{consultant},很高兴为您服务,欢迎随时来电或到访售楼处。';

/** The event kinds that are claims of SPEC CA-2..CA-12, turned into the domain's Claim. */
export function toClaim(e: CustomerEvent): Claim | null {
  const d = e.details;
  switch (e.kind) {
    case 'visit':
      return { kind: 'visit', at: e.at, consultantId: e.consultantId!, role: (d.role as 'receive' | 'assist') ?? 'receive' };
    case 'call':
      return { kind: 'call', at: e.at, consultantId: e.consultantId!, smsSentAt: d.smsSentAt ? new Date(d.smsSentAt as string) : null };
    case 'relation':
      return { kind: 'relation', at: e.at, consultantId: e.consultantId! };
    case 'referral':
      return { kind: 'referral', at: e.at, consultantId: e.consultantId!, askedForConsultant: !!d.askedForConsultant, registeredBeforeVisit: !!d.registeredBeforeVisit };
    case 'employee_referral':
      return { kind: 'employee_referral', at: e.at, consultantId: e.consultantId!, beforePriceNegotiation: !!d.beforePriceNegotiation, phoneOnly: !!d.phoneOnly, formsComplete: !!d.formsComplete };
    case 'switch':
      return { kind: 'switch', at: e.at, fromConsultantId: d.fromConsultantId as string, toConsultantId: e.consultantId! };
    case 'agency_report':
      return { kind: 'agency_report', at: e.at, agencyId: d.agencyId as string, status: d.status as 'valid' };
    case 'renewal':
      return { kind: 'renewal', at: e.at, consultantId: e.consultantId!, signedBy: d.signedBy as string };
    case 'decision':
      return { kind: 'decision', at: e.at, consultantId: e.consultantId! };
    default:
      return null;
  }
}

export interface VisitOutcome {
  customerId: string;
  receivedBy: string;
  ownerId: string | null;
  ownerRuleIds: string[];
  report: { id: string; status: string; reason: string; ruleIds: string[] } | null;
  /** The visit's register entry, which the receiving consultant completes (GEN-11). */
  visitId: string;
}

/**
 * The customer registry (CA-1) and what changes ownership: calls (CA-9, with the SMS of CA-13),
 * visits (CA-2, judging agency reports at arrival CA-6/CA-16). After each change the owner is decided
 * again by `decideOwner` from the whole history, in the same transaction.
 */
@Injectable()
export class CustomersService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly policies: ClientPolicyService,
    private readonly jobs: JobsService,
    private readonly events: EventsService,
    private readonly rotation: RotationService,
    private readonly discipline: DisciplineService,
    private readonly outbox: SmsOutbox,
  ) {}

  onModuleInit() {
    this.jobs.register(SMS_SEND_JOB, (job, em) => this.sendSms(em, (job.payload as { smsId: string }).smsId));
  }

  /** Finds or creates the customer of a phone, one row per site even under concurrent registration (locked for the transaction). */
  async customerFor(em: EntityManager, site: SiteRef, phone: string, name: string, source: CustomerSource, grade: Grade, by: string): Promise<{ customer: Customer; created: boolean }> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(Customer)
      .values({ siteId: site.id, name, phone, phonePattern: patternKey({ kind: 'full', phone }), source, grade, createdBy: by })
      .orIgnore()
      .returning(['id'])
      .execute();
    const customer = await em.getRepository(Customer).findOneOrFail({ where: { siteId: site.id, phone }, lock: { mode: 'pessimistic_write' } });
    return { customer, created: inserted.raw.length > 0 };
  }

  /** Decide the owner again from the whole history; store it and audit a change. */
  async recompute(em: EntityManager, site: SiteRef, customer: Customer, now = new Date()): Promise<Ownership> {
    const { policy } = await this.policies.current(site, em);
    const events = await em.getRepository(CustomerEvent).find({ where: { customerId: customer.id }, order: { at: 'ASC' } });
    const ownership = decideOwner(events.map(toClaim).filter((c): c is Claim => c !== null), policy, now);
    const before = { status: customer.status, ownerId: customer.ownerId };
    Object.assign(customer, {
      status: ownership.status,
      ownerId: ownership.ownerId,
      ownerSince: ownership.since,
      protectedUntil: ownership.protectedUntil,
      agencyId: ownership.agencyId,
      ownerRuleIds: ownership.ruleIds,
      updatedAt: now,
    });
    await em.getRepository(Customer).save(customer);
    if (before.ownerId !== ownership.ownerId || before.status !== ownership.status) {
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'client.owner_changed',
        entityType: 'customer',
        entityId: customer.id,
        before,
        after: { status: ownership.status, ownerId: ownership.ownerId, ruleIds: ownership.ruleIds },
      });
    }
    return ownership;
  }

  private phoneOf(raw: string): string {
    const phone = normalizePhone(raw);
    if (!phone) throw validationFailed([{ field: 'phone', message: 'not a mobile number (11 digits, or with a country code)' }]);
    return phone;
  }

  /**
   * CA-9/CA-13: a consultant registers a call they took; the standard SMS is queued when the caller left
   * a name. GEN-11: a later day is flagged, and each blank field of the call register is a fine.
   */
  async registerCall(p: Principal, site: SiteRef, body: { phone: string; name: string; grade?: Grade; media?: string; occurredAt?: string }) {
    const phone = this.phoneOf(body.phone);
    const now = new Date();
    const at = body.occurredAt ? new Date(body.occurredAt) : now;
    if (at > now || now.getTime() - at.getTime() > 7 * 86_400_000) throw validationFailed([{ field: 'occurredAt', message: 'within the last 7 days' }]);
    const { version, policy } = await this.policies.current(site);
    const form = checkRegistration({ name: body.name, grade: body.grade, media: body.media }, CALL_FORM_FIELDS, fen(policy.blankFieldFineFen));
    return this.ds.transaction(async (em) => {
      const { customer } = await this.customerFor(em, site, phone, body.name, 'call', body.grade ?? 'C', p.userId);
      const event = await em.getRepository(CustomerEvent).save(
        em.getRepository(CustomerEvent).create({
          siteId: site.id,
          customerId: customer.id,
          kind: 'call',
          at,
          consultantId: p.userId,
          details: { smsSentAt: null, grade: body.grade ?? null, media: body.media?.trim() || null, blankFields: form.blankFields },
          recordedBy: p.userId,
          lateEntry: !isSameDayEntry(at, now, site.timeZone),
        }),
      );
      await this.fineBlanks(em, site, p.userId, form, `call register of ${phone} at ${at.toISOString()}`, version, `call:${event.id}`);
      let smsId: string | null = null;
      if (body.name.trim()) {
        const [consultant] = await em.query('SELECT display_name FROM app_user WHERE id = $1', [p.userId]);
        const text = DEFAULT_SMS_TEMPLATE.replace('{name}', body.name.trim()).replace('{consultant}', consultant.display_name);
        smsId = (await this.outbox.queue(em, site, { customerId: customer.id, eventId: event.id, toPhone: phone, body: text }, now)).id;
      }
      const ownership = await this.recompute(em, site, customer, now);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.call_registered', entityType: 'customer', entityId: customer.id, after: { eventId: event.id, smsId, lateEntry: event.lateEntry, blankFields: form.blankFields } });
      return { customerId: customer.id, eventId: event.id, smsId, ownerId: ownership.ownerId, ownerRuleIds: ownership.ruleIds, lateEntry: event.lateEntry, ...form };
    });
  }

  /** CA-13: the default provider delivers into the outbox table itself (the console shows it); a real gateway replaces this method. */
  private async sendSms(em: EntityManager, smsId: string) {
    const sms = await em.getRepository(SmsMessage).findOne({ where: { id: smsId }, lock: { mode: 'pessimistic_write' } });
    if (!sms || sms.status === 'sent') return;
    sms.attempts += 1;
    sms.status = 'sent';
    sms.provider = 'local-sink';
    sms.sentAt = new Date();
    await em.getRepository(SmsMessage).save(sms);
    if (sms.eventId) {
      // CA-9: the call now claims the customer.
      const event = await em.getRepository(CustomerEvent).findOneByOrFail({ id: sms.eventId });
      event.details = { ...event.details, smsSentAt: sms.sentAt.toISOString(), smsId: sms.id };
      await em.getRepository(CustomerEvent).save(event);
      const site = (await this.access.site(sms.siteId))!;
      const customer = await em.getRepository(Customer).findOneOrFail({ where: { id: event.customerId }, lock: { mode: 'pessimistic_write' } });
      await this.recompute(em, site, customer);
    }
  }

  /**
   * The receptionist registers an arrival (CA-6, CA-9, CA-16): a pending report that fits the phone is
   * judged (at least 30 minutes between report and arrival, same name and phone, the agency mentioned
   * or its visit code shown); the receiving consultant's visit is recorded; the owner is decided again.
   */
  async registerVisit(
    p: Principal,
    site: SiteRef,
    body: { phone: string; name: string; consultantId?: string; kind?: VisitKind; busy?: string[]; visitCode?: string; mentionedAgency: boolean; grade?: Grade },
  ): Promise<VisitOutcome> {
    const phone = this.phoneOf(body.phone);
    const { policy } = await this.policies.current(site);
    if (body.consultantId) {
      const member = await this.ds.query(`SELECT 1 FROM role_assignment WHERE user_id = $1 AND site_id = $2 AND role = 'consultant' AND revoked_at IS NULL`, [body.consultantId, site.id]);
      if (!member.length) throw validationFailed([{ field: 'consultantId', message: 'not a consultant of this site' }]);
    }
    return this.ds.transaction(async (em) => {
      // Without a named consultant the reception line decides (CA-10), under its row lock.
      const receiver = body.consultantId ?? (await this.rotation.take(em, site, body.kind ?? 'walk_in', body.busy ?? []));
      const { customer } = await this.customerFor(em, site, phone, body.name, 'visit', body.grade ?? 'C', p.userId);
      // The arrival is dated once the customer's row is ours: a registration that waited for it must not
      // date itself before the one that held it (the first registered visit wins, CA-2/CA-18).
      const now = new Date();
      const key = patternKey({ kind: 'full', phone });
      const reports = await em.getRepository(PartnerReport).find({
        where: { siteId: site.id, phonePattern: key, status: In(['pending']), expiresAt: MoreThan(new Date(now.getTime() - 365 * 86_400_000)) },
        order: { createdAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const code = body.visitCode?.toUpperCase();
      const byCode = code ? reports.find((r) => r.visitCode === code) : undefined;
      if (body.visitCode && !byCode) throw new ProblemException(422, 'VISIT_CODE_UNKNOWN', 'no pending report with this visit code for this phone');
      const report = byCode ?? reports[0];
      let judged: VisitOutcome['report'] = null;
      if (report) {
        const verdict = judgeVisit(
          { reported: report.phone ? { kind: 'full', phone: report.phone } : normalizeReportedPhone(report.phonePattern)!, customerName: report.customerName, reportedAt: report.createdAt, expiresAt: report.expiresAt },
          { arrivedAt: now, phone, name: body.name, mentionedAgency: body.mentionedAgency, visitCode: !!byCode },
          policy,
        );
        report.status = verdict.status;
        report.statusReason = verdict.reason;
        report.visitedAt = now;
        report.customerId = customer.id;
        await em.getRepository(PartnerReport).save(report);
        await em.getRepository(CustomerEvent).insert({ siteId: site.id, customerId: customer.id, kind: 'agency_report', at: report.createdAt, details: { agencyId: report.agencyId, status: verdict.status, reportId: report.id }, recordedBy: p.userId });
        judged = { id: report.id, status: verdict.status, reason: verdict.reason, ruleIds: verdict.ruleIds };
      }
      const visit = await em.getRepository(CustomerEvent).insert({ siteId: site.id, customerId: customer.id, kind: 'visit', at: now, consultantId: receiver, details: { role: 'receive', visitKind: body.kind ?? 'walk_in' }, recordedBy: p.userId });
      const visitId = visit.identifiers[0].id as string;
      customer.visited = true;
      const ownership = await this.recompute(em, site, customer, now);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.visit_registered', entityType: 'customer', entityId: customer.id, after: { receivedBy: receiver, report: judged } });
      await this.events.publish(em, site.id, 'client.visit', { customerId: customer.id, receivedBy: receiver });
      return { customerId: customer.id, receivedBy: receiver, ownerId: ownership.ownerId, ownerRuleIds: ownership.ruleIds, report: judged, visitId };
    });
  }

  /**
   * GEN-11 (003: 每接待完一组客户,由当事置业顾问在客户来访登记上记录): the receiving consultant completes the
   * visit register once — intention grade, how the customer heard of the site, their needs. A later day
   * is flagged; each blank field is the policy fine.
   */
  async recordVisit(p: Principal, visitId: string, body: { grade?: Grade; media?: string; needs?: string }) {
    const peek = await this.ds.getRepository(CustomerEvent).findOne({ where: { id: visitId, kind: 'visit' }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('visit');
    const { site } = await this.access.requireSite(p, peek.siteId, ['consultant', 'supervisor', 'manager']);
    const { version, policy } = await this.policies.current(site);
    const form = checkRegistration({ grade: body.grade, media: body.media, needs: body.needs }, VISIT_RECORD_FIELDS, fen(policy.blankFieldFineFen));
    const now = new Date();
    return this.ds.transaction(async (em) => {
      const visit = await em.getRepository(CustomerEvent).findOneOrFail({ where: { id: visitId }, lock: { mode: 'pessimistic_write' } });
      if (visit.consultantId !== p.userId) throw new ProblemException(403, 'NOT_RECEIVING_CONSULTANT', 'the consultant who received the customer completes the visit register');
      if (visit.details.record) throw new ProblemException(409, 'VISIT_ALREADY_RECORDED', 'the visit register of this visit is complete already');
      const lateEntry = !isSameDayEntry(visit.at, now, site.timeZone);
      const record = { grade: body.grade ?? null, media: body.media?.trim() || null, needs: body.needs?.trim() || null, recordedAt: now.toISOString(), lateEntry, blankFields: form.blankFields };
      visit.details = { ...visit.details, record };
      await em.getRepository(CustomerEvent).save(visit);
      if (body.grade) await em.getRepository(Customer).update({ id: visit.customerId }, { grade: body.grade, updatedAt: now });
      await this.fineBlanks(em, site, p.userId, form, `visit register of ${visit.at.toISOString()}`, version, `visit:${visit.id}`);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.visit_recorded', entityType: 'customer', entityId: visit.customerId, after: { visitId, ...record } });
      return { visitId, customerId: visit.customerId, lateEntry, ...form };
    });
  }

  /** GEN-9/GEN-11: the blanks of a registration form, fined to whoever filled it in. */
  private async fineBlanks(em: EntityManager, site: SiteRef, userId: string, form: { blankFields: string[]; fineFen: number }, what: string, policyVersion: number, sourceRef: string) {
    if (!form.fineFen) return;
    await this.discipline.issue(
      em,
      site,
      { userId, kind: 'fine', ruleId: 'GEN-11', amountFen: fen(form.fineFen), evidence: `${what}: blank ${form.blankFields.join(', ')} (policy v${policyVersion})`, sourceModule: 'client-attribution', sourceRef },
      null,
    );
  }
}
