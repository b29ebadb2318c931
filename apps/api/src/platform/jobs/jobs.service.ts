import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { Job } from './job.entity.js';

export type JobHandler = (job: Job, em: EntityManager) => Promise<void>;

export interface ScheduleInput {
  name: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  siteId?: string | null;
  /** Scheduling the same key twice is a no-op (e.g. `reservation.lapse:<orderId>`). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * GEN-8 timed work. Jobs are rows: scheduled in the same transaction as the change that needs them,
 * claimed by any replica with FOR UPDATE SKIP LOCKED, run in a transaction, retried with backoff.
 * A claimed job whose worker died is taken again when its lease runs out. Handlers must be
 * idempotent and must re-derive the state from stored deadlines: a job only records and announces
 * a transition that reads already show (GEN-8).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring: { name: string; everyMs: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  pollMs = 1000;
  leaseMs = 5 * 60_000;

  constructor(
    private readonly ds: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  register(name: string, handler: JobHandler) {
    this.handlers.set(name, handler);
  }

  /** A job that runs every `everyMs`, once per period across all replicas. */
  every(name: string, everyMs: number, handler: JobHandler) {
    this.register(name, async (job, em) => {
      await handler(job, em);
      await this.scheduleNextPeriod(name, everyMs, em);
    });
    this.recurring.push({ name, everyMs });
  }

  async schedule(em: EntityManager, input: ScheduleInput): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(Job)
      .values({
        name: input.name,
        runAt: input.runAt,
        payload: input.payload ?? {},
        siteId: input.siteId ?? null,
        dedupeKey: input.dedupeKey ?? null,
        maxAttempts: input.maxAttempts ?? 5,
      })
      .orIgnore()
      .execute();
  }

  private scheduleNextPeriod(name: string, everyMs: number, em: EntityManager) {
    const slot = Math.floor(Date.now() / everyMs) + 1;
    return this.schedule(em, { name, runAt: new Date(slot * everyMs), dedupeKey: `${name}@${slot}` });
  }

  onApplicationBootstrap() {
    if (!this.config.JOBS_ENABLED) return;
    void Promise.all(this.recurring.map((r) => this.scheduleNextPeriod(r.name, r.everyMs, this.ds.manager))).catch((e) => this.log.error(e));
    this.timer = setInterval(() => {
      // A failed poll (database restarting) is logged and retried at the next tick, never fatal.
      if (!this.running) this.running = this.runDue().catch((e) => this.log.error(`job poll failed: ${(e as Error).message}`)).finally(() => (this.running = null));
    }, this.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Claim and run the jobs that are due. Returns how many ran. Safe to call from many processes at once. */
  async runDue(limit = 20): Promise<number> {
    const result = await this.ds.query(
      `UPDATE job SET status = 'running', attempts = attempts + 1, locked_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (
          SELECT id FROM job
           WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now())
           ORDER BY run_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, this.leaseMs],
    );
    // UPDATE … RETURNING answers [rows, count] through TypeORM's postgres driver.
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { id: string }[];
    if (!rows.length) return 0;
    const claimed = await this.ds.getRepository(Job).find({ where: { id: In(rows.map((r) => String(r.id))) }, order: { runAt: 'ASC' } });
    for (const job of claimed) await this.runOne(job);
    return claimed.length;
  }

  private async runOne(job: Job) {
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await this.ds.transaction(async (em) => {
        await handler(job, em);
        await em.getRepository(Job).update({ id: job.id }, { status: 'done', finishedAt: new Date(), lockedUntil: null, lastError: null });
      });
    } catch (e) {
      const failed = job.attempts >= job.maxAttempts;
      const backoffMs = Math.min(60_000 * 2 ** (job.attempts - 1), 3_600_000);
      this.log.warn(`job ${job.id} ${job.name} failed (attempt ${job.attempts}): ${(e as Error).message}`);
      await this.ds.getRepository(Job).update(
        { id: job.id },
        { status: failed ? 'failed' : 'queued', runAt: new Date(Date.now() + backoffMs), lockedUntil: null, lastError: String((e as Error).message).slice(0, 2000) },
      );
    }
  }
}
