import { DomainError } from '../common/errors.js';

/**
 * RO-5: the vehicle's key is registered, numbered and kept in the key cabinet (车钥匙柜). A tag belongs
 * to at most one open order at a time; the API backs this with a partial unique index over the open
 * states (`KEY_TAG_STATES` of the life cycle), so two concurrent check-ins cannot both win.
 */
export interface KeyTagHolder {
  orderId: string;
  keyTag: string;
}

const TAG = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
export const isKeyTag = (v: unknown): v is string => typeof v === 'string' && TAG.test(v);

/**
 * RO-5: the tag for an order being checked in. `requested` (the advisor picked a hook) must be in the
 * cabinet and free; otherwise the first free tag in the cabinet's order. An order that already holds a
 * tag keeps it (a retried check-in).
 */
export function allocateKeyTag(cabinet: readonly string[], open: readonly KeyTagHolder[], orderId: string, requested?: string | null): string {
  const own = open.find((h) => h.orderId === orderId);
  if (own && (requested == null || requested === own.keyTag)) return own.keyTag;
  const taken = new Set(open.filter((h) => h.orderId !== orderId).map((h) => h.keyTag));
  if (requested != null) {
    if (!cabinet.includes(requested)) throw new DomainError('RO_KEY_TAG_UNKNOWN', 'invalid', `tag ${requested} is not in the key cabinet (RO-5)`, { ruleIds: ['RO-5'] });
    if (taken.has(requested)) throw new DomainError('RO_KEY_TAG_IN_USE', 'conflict', `tag ${requested} is on another open order (RO-5)`, { keyTag: requested, ruleIds: ['RO-5'] });
    return requested;
  }
  const free = cabinet.find((t) => !taken.has(t));
  if (!free) throw new DomainError('RO_KEY_CABINET_FULL', 'conflict', 'every tag of the key cabinet is on an open order (RO-5)', { ruleIds: ['RO-5'] });
  return free;
}

/** Tags held by more than one open order (what the database constraint forbids): for checks and repairs. */
export function keyTagConflicts(open: readonly KeyTagHolder[]): { keyTag: string; orderIds: string[] }[] {
  const by = new Map<string, string[]>();
  for (const h of open) by.set(h.keyTag, [...(by.get(h.keyTag) ?? []), h.orderId]);
  return [...by.entries()].filter(([, ids]) => ids.length > 1).map(([keyTag, orderIds]) => ({ keyTag, orderIds }));
}

/** Validates a cabinet's tag list (the site's setting): tags well formed and unique. */
export function validateKeyCabinet(tags: readonly string[]): { field: string; message: string }[] {
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > 2000) return [{ field: 'tags', message: '1 to 2000 tags' }];
  const out: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  tags.forEach((t, i) => {
    if (!isKeyTag(t)) out.push({ field: `tags[${i}]`, message: 'letters, digits and -, up to 20' });
    else if (seen.has(t)) out.push({ field: `tags[${i}]`, message: 'each tag once' });
    seen.add(t);
  });
  return out;
}
