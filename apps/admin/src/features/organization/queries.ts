import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createAgencyMutation,
  createSiteMutation,
  getMeQueryKey,
  listAgenciesOptions,
  listAgenciesQueryKey,
  listSitesOptions,
  listSitesQueryKey,
  updateSiteMutation,
} from '../../api/generated/@tanstack/react-query.gen';

export const useSites = () => useQuery(listSitesOptions());
export const useAgencies = () => useQuery(listAgenciesOptions());

/** A new or renamed site is in the site switcher at once: the session's own list is read again too. */
function useInvalidateSites() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: listSitesQueryKey() }), queryClient.invalidateQueries({ queryKey: getMeQueryKey() })]);
}

export function useCreateSite() {
  const onSuccess = useInvalidateSites();
  return useMutation({ ...createSiteMutation(), onSuccess });
}

export function useUpdateSite() {
  const onSuccess = useInvalidateSites();
  return useMutation({ ...updateSiteMutation(), onSuccess });
}

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({ ...createAgencyMutation(), onSuccess: () => queryClient.invalidateQueries({ queryKey: listAgenciesQueryKey() }) });
}
