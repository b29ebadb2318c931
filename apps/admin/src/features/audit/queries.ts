import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListAuditEventsData } from '../../api/generated';
import { listAuditEventsOptions } from '../../api/generated/@tanstack/react-query.gen';

export const useAuditEvents = (query: ListAuditEventsData['query']) => useQuery({ ...listAuditEventsOptions({ query }), placeholderData: keepPreviousData });
