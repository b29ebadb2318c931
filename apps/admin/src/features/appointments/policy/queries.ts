import { useMutation, useQueryClient } from '@tanstack/react-query';
import { publishAppointmentPolicyMutation } from '../../../api/generated/@tanstack/react-query.gen';

/** What a new appointment policy changes on screen: the policy itself and the day's slots (bays, times). */
const POLICY_READS = new Set(['getAppointmentPolicy', 'listServiceSlots', 'getMoveInBoard']);

/** The manager publishes a new version of the site's appointment policy (RES-7, RES-9, RES-10). */
export function usePublishAppointmentPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    ...publishAppointmentPolicyMutation(),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => POLICY_READS.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? '') }),
  });
}
