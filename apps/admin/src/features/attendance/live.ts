import { useEffect, useRef, useState } from 'react';
import { streamSiteEvents, type SiteEventDto } from '../../api/generated';

/** live: the site's event stream is open; connecting: (re)opening it; polling: it dropped, the page polls slowly meanwhile. */
export type LiveState = 'connecting' | 'live' | 'polling';

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/**
 * Follows the site's server-sent events (`GET /api/v1/events`) and calls `onEvent` for each. When the
 * stream cannot be opened or drops, the state turns to `polling` (callers then poll slowly) and the
 * stream is opened again with a growing delay, up to a minute. The access token is renewed on a 401
 * by the client's fetch, as for every other call.
 */
export function useSiteEvents(siteId: string, onEvent: (e: SiteEventDto) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    const abort = new AbortController();
    let delay = FIRST_RETRY_MS;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = window.setTimeout(resolve, ms);
        abort.signal.addEventListener('abort', () => {
          window.clearTimeout(timer);
          resolve();
        });
      });

    void (async () => {
      while (!abort.signal.aborted) {
        try {
          const { stream } = await streamSiteEvents({
            query: { siteId },
            signal: abort.signal,
            // One attempt per loop: this loop decides when to try again and what the page does meanwhile.
            sseMaxRetryAttempts: 1,
            onSseEvent: () => {
              // The first chunk (the server's ": connected" comment) says the stream is open.
              delay = FIRST_RETRY_MS;
              setState('live');
            },
          });
          for await (const event of stream) {
            if (event && typeof event === 'object' && 'type' in event) handler.current(event as SiteEventDto);
          }
        } catch {
          // A refused or broken stream: fall through to polling and a later retry.
        }
        if (abort.signal.aborted) break;
        setState('polling');
        await wait(delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    })();
    return () => abort.abort();
  }, [siteId]);

  return state;
}
