import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * Timed work that survives restarts and runs once across replicas: workers claim due rows with
 * FOR UPDATE SKIP LOCKED. A dedupe key makes scheduling the same deadline twice a no-op.
 */
@Entity('job')
@Index(['status', 'runAt'])
export class Job {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'site_id', nullable: true }) siteId: string | null;
  @Column('text') name: string;
  @Column('jsonb', { default: {} }) payload: object;
  @Column('timestamptz', { name: 'run_at' }) runAt: Date;
  @Column('text', { default: 'queued' }) status: JobStatus;
  @Column('int', { default: 0 }) attempts: number;
  @Column('int', { name: 'max_attempts', default: 5 }) maxAttempts: number;
  @Index({ unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column('text', { name: 'dedupe_key', nullable: true })
  dedupeKey: string | null;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
