import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListApprovalsData } from '../../api/generated';
import { decideApprovalMutation, listApprovalsOptions, listApprovalsQueryKey } from '../../api/generated/@tanstack/react-query.gen';

export const useApprovals = (query: ListApprovalsData['query']) => useQuery({ ...listApprovalsOptions({ query }), placeholderData: keepPreviousData });

const totalOf = (page: { total: number }) => page.total;

/** How many requests on the site wait for the signed-in user's decision. */
export const usePendingApprovalCount = (siteId: string) =>
  useQuery({ ...listApprovalsOptions({ query: { siteId, status: 'pending', box: 'decide', pageSize: 1 } }), select: totalOf });

export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    ...decideApprovalMutation(),
    onSuccess: (approval) => queryClient.invalidateQueries({ queryKey: listApprovalsQueryKey({ query: { siteId: approval.siteId } }) }),
  });
}
