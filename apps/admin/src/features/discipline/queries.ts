import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListDisciplineData } from '../../api/generated';
import { issueDisciplineMutation, listDisciplineOptions, listDisciplineQueryKey, voidDisciplineMutation } from '../../api/generated/@tanstack/react-query.gen';

export const useDiscipline = (query: ListDisciplineData['query']) => useQuery({ ...listDisciplineOptions({ query }), placeholderData: keepPreviousData });

/** After a change, every list of the entry's site (any person, page or filter). */
function useInvalidateDiscipline() {
  const queryClient = useQueryClient();
  return (entry: { siteId: string }) => queryClient.invalidateQueries({ queryKey: listDisciplineQueryKey({ query: { siteId: entry.siteId } }) });
}

export function useIssueDiscipline() {
  const onSuccess = useInvalidateDiscipline();
  return useMutation({ ...issueDisciplineMutation(), onSuccess });
}

export function useVoidDiscipline() {
  const onSuccess = useInvalidateDiscipline();
  return useMutation({ ...voidDisciplineMutation(), onSuccess });
}
