import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPartnerAppealsData, ListPartnerCommissionsData, ListPartnerReportsData } from '../../api/generated';
import {
  createPartnerAppealMutation,
  createPartnerReportMutation,
  listPartnerAppealsOptions,
  listPartnerAppealsQueryKey,
  listPartnerCommissionsOptions,
  listPartnerReportsOptions,
  listPartnerReportsQueryKey,
} from '../../api/generated/@tanstack/react-query.gen';

/** The agency's own reports (GEN-7: phones masked; another agency's are never listed). */
export const usePartnerReports = (query: NonNullable<ListPartnerReportsData['query']>) =>
  useQuery({ ...listPartnerReportsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });

/** Reports a customer (CA-6); the caller sends an Idempotency-Key so a retry cannot report twice. */
export function useCreatePartnerReport() {
  const queryClient = useQueryClient();
  return useMutation({ ...createPartnerReportMutation(), onSuccess: () => void queryClient.invalidateQueries({ queryKey: listPartnerReportsQueryKey() }) });
}

/** The agency's appeals of how its reports were judged (CA-17). */
export const usePartnerAppeals = (query: NonNullable<ListPartnerAppealsData['query']>) =>
  useQuery({ ...listPartnerAppealsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });

export function useCreatePartnerAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    ...createPartnerAppealMutation(),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: listPartnerAppealsQueryKey() });
      void queryClient.invalidateQueries({ queryKey: listPartnerReportsQueryKey() });
    },
  });
}

/** The agency's commissions on this site (CA-17): pending, due, forfeited. */
export const usePartnerCommissions = (query: NonNullable<ListPartnerCommissionsData['query']>) =>
  useQuery({ ...listPartnerCommissionsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });
