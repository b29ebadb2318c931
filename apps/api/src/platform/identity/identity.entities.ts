import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@sitedesk/domain';

/** GEN-1: an agency or company; it has sites. Organization-level tables carry no site_id. */
@Entity('organization')
export class Organization {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type SiteKind = 'sales_office' | 'service_centre';

@Entity('site')
export class Site {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index()
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;
  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  private organizationRef?: Organization;
  @Index({ unique: true })
  @Column('text')
  code: string;
  @Column('text') name: string;
  @Column('text') kind: SiteKind;
  @Column('text', { name: 'time_zone', default: 'Asia/Shanghai' }) timeZone: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A partner channel agency (渠道): its agents are users with the role `partner`. */
// One name per organization, case-insensitive (migration 1764780000000: an expression the decorator cannot state).
@Index('UQ_agency_organization_name', { synchronize: false })
@Entity('agency')
export class Agency {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index()
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;
  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  private organizationRef?: Organization;
  @Column('text') name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index()
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;
  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  private organizationRef?: Organization;
  /** Stored lower-case; unique across the installation. */
  @Index({ unique: true })
  @Column('text')
  login: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('text', { default: 'zh-CN' }) locale: string;
  @Index()
  @Column('uuid', { name: 'agency_id', nullable: true })
  agencyId: string | null;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'agency_id' })
  private agencyRef?: Agency;
  @Column('boolean', { default: true }) active: boolean;
  /** GEN-7: access tokens issued before this moment no longer count (disabled, or a role revoked). */
  @Column('timestamptz', { name: 'access_revoked_at', nullable: true }) accessRevokedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** GEN-1/GEN-2: a role held on one site, or on every site of the organization when site_id is null. */
@Entity('role_assignment')
@Index(['userId', 'siteId', 'role'], { unique: true, where: 'revoked_at IS NULL' })
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Index()
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Index()
  @Column('uuid', { name: 'site_id', nullable: true })
  siteId: string | null;
  @ManyToOne(() => Site, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'site_id' })
  private siteRef?: Site;
  @Column('text') role: Role;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}

/** Rotating refresh tokens; a family is revoked whole when an old member is presented again. */
@Entity('refresh_token')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index()
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Index()
  @Column('uuid', { name: 'family_id' })
  familyId: string;
  @Index({ unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Failed and successful logins, for throttling per account and per address across replicas. */
@Entity('login_attempt')
@Index(['login', 'at'])
@Index(['ip', 'at'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('text') login: string;
  @Column('text') ip: string;
  @Column('boolean') succeeded: boolean;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}

/** Partner API keys: shown once, stored as a SHA-256 hash, acting as the user they were issued for. */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Index()
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('text') name: string;
  @Index({ unique: true })
  @Column('text')
  prefix: string;
  @Column('text', { name: 'secret_hash' }) secretHash: string;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
