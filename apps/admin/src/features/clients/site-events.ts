import { useEffect, useRef, useState } from 'react';
import { streamSiteEvents, type SiteEventDto } from '../../api/generated';

export type LiveState = 'connecting' | 'live' | 'offline';

const RECONNECT_MS = 3_000;

/**
 * Follows the site's live event stream (GET /api/v1/events, server-sent events) while the page is open
 * and calls `onEvent` for the given event types. Reconnects after a dropped connection; the state says
 * whether the page is live, so a board can say when it is not. After a reconnection `onEvent` gets a
 * `reconnected` event: what changed meanwhile was missed, so the caller refreshes.
 */
export function useSiteEvents(siteId: string, types: readonly string[], onEvent: (event: SiteEventDto) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(',');

  useEffect(() => {
    const wanted = new Set(key.split(','));
    const abort = new AbortController();
    let stopped = false;
    setState('connecting');

    async function follow() {
      while (!stopped) {
        try {
          const { stream } = await streamSiteEvents({
            query: { siteId },
            signal: abort.signal,
            sseMaxRetryAttempts: 1,
            // The server's first line (': connected') arrives as an event without data: the page is live.
            onSseEvent: () => setState('live'),
            onSseError: () => setState('offline'),
          });
          for await (const event of stream) {
            const e = event as SiteEventDto;
            if (e && typeof e === 'object' && (wanted.has(e.type) || e.type === 'reconnected')) handler.current(e);
          }
        } catch {
          // the stream failed: retried below
        }
        if (stopped) break;
        setState('offline');
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
        if (stopped) break;
        handler.current({ siteId, type: 'reconnected', data: {}, at: new Date().toISOString() });
      }
    }
    void follow();
    return () => {
      stopped = true;
      abort.abort();
    };
  }, [siteId, key]);

  return state;
}
