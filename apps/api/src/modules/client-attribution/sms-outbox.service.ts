import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { SmsMessage } from './client-attribution.entities.js';

/** The job that delivers one queued SMS (registered by CustomersService, which also settles CA-9 claims). */
export const SMS_SEND_JOB = 'client.sms.send';

export interface QueuedSms {
  toPhone: string;
  body: string;
  /** The sales customer it is for (CA-13), when it is one. */
  customerId?: string | null;
  /** The registered call it follows (CA-9: the call's claim counts once it went out). */
  eventId?: string | null;
  /** What else it is about, as `<kind>:<id>` (e.g. `service_appointment:…`, RES-9). */
  subjectRef?: string | null;
}

/**
 * The one SMS outbox of a site (CA-13): every module queues its messages here, in its own transaction,
 * and the delivery job sends them through the provider, records the status and retries failures.
 */
@Injectable()
export class SmsOutbox {
  constructor(private readonly jobs: JobsService) {}

  async queue(em: EntityManager, site: SiteRef, sms: QueuedSms, runAt = new Date()): Promise<SmsMessage> {
    const repo = em.getRepository(SmsMessage);
    const saved = await repo.save(
      repo.create({ siteId: site.id, customerId: sms.customerId ?? null, eventId: sms.eventId ?? null, subjectRef: sms.subjectRef ?? null, toPhone: sms.toPhone, body: sms.body }),
    );
    await this.jobs.schedule(em, { name: SMS_SEND_JOB, runAt, siteId: site.id, payload: { smsId: saved.id }, dedupeKey: `sms:${saved.id}` });
    return saved;
  }
}
