import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { EventsService } from '../events/events.service.js';

/** The events key of revocations: not a site id, so no console stream ever receives them. */
const REVOCATIONS = 'platform:access-revocations';

/**
 * GEN-7: an access token carries the user's grants for its lifetime (ACCESS_TOKEN_TTL_SECONDS). When a
 * user is disabled or loses a role, the tokens issued before are refused at once, on every API process:
 * the moment is stored on the user (`access_revoked_at`) and announced with the transaction's commit
 * (pg_notify); each process keeps the revocations younger than a token's lifetime in memory, reloaded
 * whenever its listening connection (re)opens, so a check costs no query. The process that revoked
 * applies it itself when the transaction commits, before its answer leaves: the notification reaches
 * its own listening connection a moment later. The console answers the 401 by refreshing, which reads
 * the grants anew (a disabled user's refresh is refused).
 */
@Injectable()
export class AccessRevocations implements OnApplicationBootstrap, EntitySubscriberInterface {
  /** user id → when their earlier tokens stopped counting (epoch ms). */
  private readonly revokedAt = new Map<string, number>();
  /** Revocations written in a transaction still open, applied here when it commits. */
  private readonly pending = new WeakMap<QueryRunner, { userId: string; at: number }[]>();
  private loaded!: () => void;
  /**
   * Settles once the revocations were first read (a process that just started must not let a revoked
   * token through); if the database cannot be reached it gives up waiting after 10 s.
   */
  readonly ready: Promise<void> = new Promise<void>((resolve) => {
    this.loaded = resolve;
    setTimeout(resolve, 10_000).unref();
  });

  constructor(
    private readonly ds: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly events: EventsService,
  ) {
    ds.subscribers.push(this);
  }

  onApplicationBootstrap() {
    this.events.subscribe(REVOCATIONS, (e) => this.note(String(e.data.userId), Number(e.data.at)));
    this.events.onListening(() => this.reload());
  }

  /** Inside the transaction that disables the user or revokes a role: their earlier tokens end when it commits. */
  async revoke(em: EntityManager, userId: string): Promise<void> {
    const at = Date.now();
    await em.query('UPDATE app_user SET access_revoked_at = $2 WHERE id = $1', [userId, new Date(at)]);
    await this.events.publish(em, REVOCATIONS, 'platform.access_revoked', { userId, at });
    if (!em.queryRunner) throw new Error('a revocation is written inside a transaction');
    this.pending.set(em.queryRunner, [...(this.pending.get(em.queryRunner) ?? []), { userId, at }]);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent) {
    if (queryRunner.isTransactionActive) return; // a savepoint released; the transaction goes on
    for (const r of this.pending.get(queryRunner) ?? []) this.note(r.userId, r.at);
    this.pending.delete(queryRunner);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent) {
    // Also a savepoint's rollback forgets them: a revocation that did commit still arrives by notification.
    this.pending.delete(queryRunner);
  }

  /** Whether a token issued at `issuedAtMs` to this user was issued before their access was revoked. */
  revoked(userId: string, issuedAtMs: number): boolean {
    const at = this.revokedAt.get(userId);
    return at !== undefined && issuedAtMs < at;
  }

  private note(userId: string, at: number) {
    if (Number.isFinite(at) && at > (this.revokedAt.get(userId) ?? 0)) this.revokedAt.set(userId, at);
  }

  private async reload() {
    const rows: { id: string; at: Date }[] = await this.ds.query(
      `SELECT id, access_revoked_at AS at FROM app_user WHERE access_revoked_at > now() - make_interval(secs => $1)`,
      [this.config.ACCESS_TOKEN_TTL_SECONDS + 60],
    );
    const horizon = Date.now() - (this.config.ACCESS_TOKEN_TTL_SECONDS + 60) * 1000;
    for (const [id, at] of this.revokedAt) if (at < horizon) this.revokedAt.delete(id);
    for (const r of rows) this.note(r.id, r.at.getTime());
    this.loaded();
  }
}
