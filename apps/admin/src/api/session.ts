import { useSyncExternalStore } from 'react';
import type { TokenPairDto } from './generated';

/**
 * The sign-in: the token pair in localStorage (keys prefixed `sitedesk.`), so every tab shares it.
 * `expired` remembers, for the login page, that the session ended because a refresh was refused.
 */
const ACCESS_KEY = 'sitedesk.accessToken';
const REFRESH_KEY = 'sitedesk.refreshToken';

export type SessionStatus = 'signed-in' | 'signed-out' | 'expired';

let expired = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function remove() {
  localStorage.removeItem(ACCESS_KEY);
  localStorage.removeItem(REFRESH_KEY);
}

export const session = {
  accessToken: () => localStorage.getItem(ACCESS_KEY),
  refreshToken: () => localStorage.getItem(REFRESH_KEY),

  store(pair: Pick<TokenPairDto, 'accessToken' | 'refreshToken'>) {
    localStorage.setItem(ACCESS_KEY, pair.accessToken);
    localStorage.setItem(REFRESH_KEY, pair.refreshToken);
    expired = false;
    notify();
  },

  /** Signed out on purpose. */
  clear() {
    remove();
    expired = false;
    notify();
  },

  /** The API refused to renew the sign-in: back to the login page, which says why. */
  expire() {
    remove();
    expired = true;
    notify();
  },

  status(): SessionStatus {
    if (localStorage.getItem(REFRESH_KEY)) return 'signed-in';
    return expired ? 'expired' : 'signed-out';
  },

  subscribe(listener: () => void) {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === ACCESS_KEY || e.key === REFRESH_KEY) listener();
    };
    listeners.add(listener);
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  },
};

export const useSessionStatus = (): SessionStatus => useSyncExternalStore(session.subscribe, session.status);
