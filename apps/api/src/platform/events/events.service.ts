import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config.js';

/** A change on a site that open consoles should see at once (small: clients refetch what they show). */
export interface SiteEvent {
  siteId: string;
  type: string;
  data: Record<string, unknown>;
  at: string;
}

type Listener = (e: SiteEvent) => void;

/** The PostgreSQL channel of live site events. */
export const EVENTS_CHANNEL = 'sitedesk_events';
const CHANNEL = EVENTS_CHANNEL;

/** The notification payload of a site event (for a hot path that notifies in its own statement). */
export const siteEventPayload = (siteId: string, type: string, data: Record<string, unknown> = {}): string =>
  JSON.stringify({ siteId, type, data, at: new Date().toISOString() } satisfies SiteEvent);

/**
 * Live updates across API replicas: a module publishes inside its transaction with pg_notify (delivered
 * only when the transaction commits, so nobody sees a change that rolled back); every API process
 * LISTENs on one dedicated connection and hands each event to its subscribers of that site (the SSE
 * streams of `GET /api/v1/events`). The connection is re-opened when it drops.
 */
@Injectable()
export class EventsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Events');
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | null = null;
  private closing = false;
  private ready: Promise<void> | null = null;
  private readonly onListen: (() => Promise<void>)[] = [];

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async publish(em: EntityManager, siteId: string, type: string, data: Record<string, unknown> = {}): Promise<void> {
    await em.query('SELECT pg_notify($1, $2)', [CHANNEL, siteEventPayload(siteId, type, data)]);
  }

  subscribe(siteId: string, listener: Listener): () => void {
    let set = this.listeners.get(siteId);
    if (!set) this.listeners.set(siteId, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (!set!.size) this.listeners.delete(siteId);
    };
  }

  /**
   * Runs `reload` each time the listening connection opens (first start and every reconnect), before
   * `listening()` resolves: what was announced while nobody listened is read back from the tables.
   */
  onListening(reload: () => Promise<void>) {
    this.onListen.push(reload);
    if (this.client) void reload().catch((e) => this.log.warn(`reload failed: ${(e as Error).message}`));
  }

  /** Resolves once this process listens (tests wait for it before publishing elsewhere). */
  listening(): Promise<void> {
    return this.ready ?? Promise.resolve();
  }

  onApplicationBootstrap() {
    this.ready = this.connect();
  }

  async onApplicationShutdown() {
    this.closing = true;
    await this.client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL, application_name: 'sitedesk-events' });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const event = JSON.parse(msg.payload) as SiteEvent;
        for (const l of this.listeners.get(event.siteId) ?? []) l(event);
      } catch (e) {
        this.log.warn(`bad event: ${(e as Error).message}`);
      }
    });
    client.on('error', (e) => {
      this.log.warn(`event connection lost: ${e.message}`);
      this.client = null;
      if (!this.closing) setTimeout(() => void this.connect().catch(() => {}), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      for (const reload of this.onListen) await reload().catch((e) => this.log.warn(`reload after listen failed: ${(e as Error).message}`));
    } catch (e) {
      this.log.warn(`cannot listen for events yet: ${(e as Error).message}`);
      await client.end().catch(() => {});
      if (!this.closing) setTimeout(() => void this.connect().catch(() => {}), 1000).unref();
    }
  }
}
