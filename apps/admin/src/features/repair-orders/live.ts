import { useEffect, useRef } from 'react';
import { useSiteEvents, type LiveState } from '../attendance/live';
import { useInvalidateRepairOrders } from './queries';

/** The site's events that change what the module shows: orders, vehicle files, tickets and their timers. */
const RELEVANT = /^(repair_order|repair_ticket|ticket)\./;

/**
 * One event stream for the whole module (features/attendance/live.ts): a repair-order or ticket event
 * refetches the reads on screen, batched over 400 ms. While the stream is down the pages poll.
 */
export function useRepairLive(siteId: string): LiveState {
  const invalidate = useInvalidateRepairOrders();
  const batch = useRef<number | null>(null);
  const live = useSiteEvents(siteId, (e) => {
    if (!RELEVANT.test(e.type) || batch.current !== null) return;
    batch.current = window.setTimeout(() => {
      batch.current = null;
      void invalidate();
    }, 400);
  });
  useEffect(() => () => void (batch.current !== null && window.clearTimeout(batch.current)), []);
  return live;
}
