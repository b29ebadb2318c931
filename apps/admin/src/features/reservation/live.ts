import { createContext, useContext, useEffect, useRef } from 'react';
import { useSiteEvents, type LiveState } from '../attendance/live';
import { useInvalidateReservation } from './queries';

/** Slow polling while the live stream is down; with the stream open the pages refresh on each event. */
export const POLL_MS = 30_000;
/** Events that arrive together (an import, a burst of holds) refresh the pages once. */
const EVENT_BATCH_MS = 250;

/**
 * The live sales board (RES-2): follows the site's event stream and rereads units and orders on every
 * `reservation.unit` event (a hold, payment, lapse or release made in any console or API process).
 * When the stream comes back after a drop, what changed meanwhile is reread too.
 */
export function useReservationLive(siteId: string): LiveState {
  const invalidate = useInvalidateReservation();
  const batch = useRef<number | null>(null);
  const refresh = useRef(invalidate);
  refresh.current = invalidate;
  const state = useSiteEvents(siteId, (e) => {
    if (e.type !== 'reservation.unit' || batch.current !== null) return;
    batch.current = window.setTimeout(() => {
      batch.current = null;
      void refresh.current();
    }, EVENT_BATCH_MS);
  });
  const previous = useRef<LiveState>(state);
  useEffect(() => {
    if (state === 'live' && previous.current === 'polling') void refresh.current();
    previous.current = state;
  }, [state]);
  useEffect(() => () => void (batch.current !== null && window.clearTimeout(batch.current)), []);
  return state;
}

export const LiveContext = createContext<LiveState>('connecting');

/** The stream's state for the module's pages, and how often they poll meanwhile (false while live). */
export function useLive(): { state: LiveState; poll: number | false } {
  const state = useContext(LiveContext);
  return { state, poll: state === 'live' ? false : POLL_MS };
}
