import { createClient, createConfig } from '../../api/generated/client';
import type { ClientOptions } from '../../api/generated/types.gen';
import { toProblem } from '../../api/problem';

/**
 * The generated client as the shared device uses it: no one is signed in, so no bearer token and no
 * token renewal — a 401 (a wrong PIN, a revoked device) is the answer, never a reason to retry. The
 * device token goes with each call as `X-Kiosk-Token`.
 */
export const kioskClient = createClient(createConfig<ClientOptions>({ baseUrl: '', throwOnError: true }));
kioskClient.interceptors.error.use((error, response) => toProblem(error, response));

const TOKEN_KEY = 'sitedesk.kioskToken';

export const kioskToken = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export const kioskHeaders = (token: string) => ({ 'X-Kiosk-Token': token });
