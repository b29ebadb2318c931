import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { exportAuditEvents, type ListAuditEventsData } from '../../api/generated';
import { saveDownload } from '../../shared/download';
import { listAuditEventsOptions } from '../../api/generated/@tanstack/react-query.gen';

export const useAuditEvents = (query: ListAuditEventsData['query']) => useQuery({ ...listAuditEventsOptions({ query }), placeholderData: keepPreviousData });

/** The trail under the same filters as a CSV file (every event, not the page), under the API's name. */
export async function downloadAuditEvents(query: Omit<NonNullable<ListAuditEventsData['query']>, 'page' | 'pageSize'>) {
  const { data, response } = await exportAuditEvents({ query: { ...query, format: 'csv' }, parseAs: 'blob' });
  return saveDownload(data, response, 'audit.csv');
}
