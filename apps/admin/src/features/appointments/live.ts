import { useEffect, useRef } from 'react';
import { useSiteEvents, type LiveState } from '../attendance/live';
import { MOVE_IN_READS, SERVICE_READS, useInvalidateAppointments } from './queries';

/** Events that arrive together (a schedule of 40 lines, a group checked in) refresh the page once. */
const EVENT_BATCH_MS = 400;

/**
 * The appointment pages follow the site's event stream (`GET /api/v1/events`): `reservation.appointment`
 * and `reservation.workshop` refresh the slots and the register, `reservation.move_in` the move-in board.
 * Returns the stream's state; callers poll slowly while it is not live.
 */
export function useAppointmentEvents(siteId: string, kind: 'service' | 'move_in'): LiveState {
  const invalidate = useInvalidateAppointments();
  const batch = useRef<number | null>(null);
  const live = useSiteEvents(siteId, (e) => {
    const ours = kind === 'move_in' ? e.type === 'reservation.move_in' : e.type === 'reservation.appointment' || e.type === 'reservation.workshop';
    if (!ours || batch.current !== null) return;
    batch.current = window.setTimeout(() => {
      batch.current = null;
      void invalidate(kind === 'move_in' ? MOVE_IN_READS : SERVICE_READS);
    }, EVENT_BATCH_MS);
  });
  useEffect(() => () => void (batch.current !== null && window.clearTimeout(batch.current)), []);
  return live;
}

/** Slow polling while the live stream is down. */
export const REFRESH_MS = 30_000;
