import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A POST's Idempotency-Key, per principal: the first request's outcome is replayed for repeats. */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn('text') principal: string;
  @PrimaryColumn('text') key: string;
  @Column('text') method: string;
  @Column('text') path: string;
  @Column('text', { name: 'request_hash' }) requestHash: string;
  @Column('int', { name: 'status_code', nullable: true }) statusCode: number | null;
  @Column('jsonb', { name: 'response_body', nullable: true }) responseBody: unknown;
  @Index()
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
}
