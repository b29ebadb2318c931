import { useCallback, useState } from 'react';
import type { ComplaintDto } from '../../../api/generated';

/** The inbox's filters; `ownerId` is a user id, `me` (the signed-in user) or `none` (unowned). */
export interface InboxFilter {
  status?: ComplaintDto['state'];
  severity?: ComplaintDto['severity'];
  category?: string;
  ownerId?: string;
  breached?: 'true' | 'false';
  channel?: ComplaintDto['channel'];
  from?: string;
  to?: string;
}

export interface SavedView {
  name: string;
  filter: InboxFilter;
}

/**
 * Saved views of the inbox, kept in this browser's localStorage per user and site (the API stores no
 * views): a name and the filters it applies.
 */
export function useSavedViews(userId: string, siteId: string) {
  const key = `sitedesk.complaints.views.${userId}.${siteId}`;
  const read = (): SavedView[] => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as SavedView[]).filter((v) => typeof v?.name === 'string' && typeof v.filter === 'object') : [];
    } catch {
      return [];
    }
  };
  const [views, setViews] = useState<SavedView[]>(read);
  const store = useCallback(
    (next: SavedView[]) => {
      localStorage.setItem(key, JSON.stringify(next));
      setViews(next);
    },
    [key],
  );
  const save = (view: SavedView) => store([...views.filter((v) => v.name !== view.name), view]);
  const remove = (name: string) => store(views.filter((v) => v.name !== name));
  return { views, save, remove };
}
