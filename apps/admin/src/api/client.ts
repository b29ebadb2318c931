import { client } from './generated/client.gen';
import { refresh } from './generated';
import { NETWORK_ERROR, isProblem, toProblem } from './problem';
import { session } from './session';

/** Calls whose 401 means what it says: no refresh, no retry. */
const AUTH_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']);

let renewal: Promise<string | null> | null = null;

/** Exchanges the refresh token for a new pair; a refusal ends the session (the login page says so). */
async function renew(): Promise<string | null> {
  const refreshToken = session.refreshToken();
  if (!refreshToken) {
    session.expire();
    return null;
  }
  try {
    const { data } = await refresh({ body: { refreshToken } });
    session.store(data);
    return data.accessToken;
  } catch (error) {
    // Offline: keep the sign-in for when the network is back; the call fails on its own.
    if (!(isProblem(error) && error.code === NETWORK_ERROR)) session.expire();
    return null;
  }
}

/**
 * A valid access token after `rejected` met a 401. Single flight: the refresh token is single-use, so
 * concurrent 401s share one refresh, and a request that failed with a token already replaced (by
 * another request or another tab) just uses the new one.
 */
function renewedAccessToken(rejected: string | null): Promise<string | null> {
  const current = session.accessToken();
  if (current && current !== rejected) return Promise.resolve(current);
  renewal ??= renew().finally(() => {
    renewal = null;
  });
  return renewal;
}

const bearerOf = (request: Request) => request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? null;

/** The fetch under the generated client: on a 401, one refresh and one retry of the request. */
async function sessionFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  if (AUTH_PATHS.has(new URL(request.url).pathname)) return fetch(request);
  const retry = request.clone();
  const response = await fetch(request);
  if (response.status !== 401) return response;
  const token = await renewedAccessToken(bearerOf(request));
  if (!token) return response;
  retry.headers.set('Authorization', `Bearer ${token}`);
  return fetch(retry);
}

/** Same-origin calls with the signed-in user's bearer token; every failure rejects with a problem. */
export function configureApiClient() {
  // The access token goes in the Authorization header only: routes that also take a partner API key
  // (X-Api-Key) must not receive the token there, or the API reads it as a wrong key.
  client.setConfig({ baseUrl: '', fetch: sessionFetch, auth: (auth) => (auth.type === 'http' ? (session.accessToken() ?? undefined) : undefined) });
  client.interceptors.error.use((error, response) => toProblem(error, response));
}
