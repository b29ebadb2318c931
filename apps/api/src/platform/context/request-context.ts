import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal.js';

/** Per-request context: the request id for logs and the audit trail, and who is acting. */
export interface RequestContext {
  requestId: string;
  ip: string;
  principal?: Principal;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
export const currentContext = () => requestContext.getStore();
