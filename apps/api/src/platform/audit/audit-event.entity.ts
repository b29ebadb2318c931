import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * GEN-3: the append-only audit trail. Written in the same transaction as the change it records;
 * a trigger refuses UPDATE and DELETE. site_id is null only for organization-level changes.
 */
@Entity('audit_event')
@Index(['entityType', 'entityId', 'at'])
@Index(['siteId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'site_id', nullable: true }) siteId: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_login', nullable: true }) actorLogin: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'entity_type' }) entityType: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('jsonb', { nullable: true }) before: object | null;
  @Column('jsonb', { nullable: true }) after: object | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}
