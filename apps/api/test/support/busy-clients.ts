import pg from 'pg';

/**
 * Queries sent to a pg client that is still running another (pg 8 queues them with a deprecation
 * warning, pg 9 refuses them): parallel reads inside a transaction, which must go through
 * `readTogether`. Recorded here for the whole test file; the test app fails its file on close.
 */
export const busyClientQueries: string[] = [];

type Busy = { activeQuery?: unknown; _queryQueue?: unknown[] };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
if (!(query as { guarded?: boolean }).guarded) {
  const guarded = function (this: pg.Client & Busy, ...args: unknown[]) {
    if (this.activeQuery || this._queryQueue?.length) busyClientQueries.push(new Error('a query sent to a busy pg client').stack ?? '');
    return query.apply(this, args);
  };
  (guarded as { guarded?: boolean }).guarded = true;
  pg.Client.prototype.query = guarded as typeof pg.Client.prototype.query;
}
