import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query, type UseMutationOptions } from '@tanstack/react-query';
import { decimalToHundredths, formatFen } from '@sitedesk/domain';
import { checkInMoveIn, exportServiceAppointments, type CheckInDto, type CheckInResponseDto, type ListServiceAppointmentsData } from '../../api/generated';
import { saveDownload } from '../../shared/download';
import type { Problem } from '../../api/problem';
import {
  advanceMoveInStepMutation,
  bookServiceAppointmentMutation,
  cancelServiceAppointmentMutation,
  decideMoveInArrivalMutation,
  getAppointmentPolicyOptions,
  getMoveInBoardOptions,
  importMoveInScheduleMutation,
  listServiceAppointmentsOptions,
  listServiceSlotsOptions,
  listUnitsOptions,
  moveInDeskMutation,
  recordMoveInMissedMutation,
  rescheduleMoveInMutation,
  sendMoveInScheduleMutation,
} from '../../api/generated/@tanstack/react-query.gen';

/** The reads an appointment change can alter: the slots, the register, the move-in board. */
export const SERVICE_READS = ['listServiceSlots', 'listServiceAppointments', 'getServiceAppointment'] as const;
export const MOVE_IN_READS = ['getMoveInBoard', 'getMoveInAppointment'] as const;
const READS = new Set<string>([...SERVICE_READS, ...MOVE_IN_READS]);
const readOf = (query: Query) => (query.queryKey[0] as { _id?: string } | undefined)?._id ?? '';

/** After a change (here or announced on the event stream): refetch what is on screen, mark the rest stale. */
export function useInvalidateAppointments() {
  const queryClient = useQueryClient();
  return (reads: readonly string[] = [...READS]) => queryClient.invalidateQueries({ predicate: (q) => reads.includes(readOf(q)) });
}

/** A generated mutation that refreshes the appointment reads when it succeeds. */
function useAppointmentsMutation<TData, TError, TVariables>(options: UseMutationOptions<TData, TError, TVariables>) {
  const invalidate = useInvalidateAppointments();
  return useMutation({ ...options, onSuccess: () => invalidate() });
}

/** A query without its empty filters (the generated client would send `status=undefined`). */
const defined = <T extends object>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;

// ---- policy ----

/** The site's appointment policy: bays, slots, deposit rule, reminder, move-in capacities (read by all staff). */
export const useAppointmentPolicy = (siteId: string) => useQuery({ ...getAppointmentPolicyOptions({ query: { siteId } }), staleTime: 60_000 });

// ---- service appointments (RES-9, RES-10) ----

export const useServiceSlots = (siteId: string, date: string, options: { refetchInterval?: number | false } = {}) =>
  useQuery({ ...listServiceSlotsOptions({ query: { siteId, date } }), staleTime: 0, placeholderData: keepPreviousData, ...options });

export interface RegisterFilter {
  siteId: string;
  date?: string;
  status?: 'booked' | 'cancelled';
  page?: number;
  pageSize?: number;
}

export const useServiceAppointments = (q: RegisterFilter, options: { refetchInterval?: number | false } = {}) =>
  useQuery({ ...listServiceAppointmentsOptions({ query: defined(q) }), staleTime: 0, placeholderData: keepPreviousData, ...options });

export const useBookAppointment = () => useAppointmentsMutation(bookServiceAppointmentMutation());
export const useCancelAppointment = () => useAppointmentsMutation(cancelServiceAppointmentMutation());

// ---- move-in (RES-7, RES-8) ----

export const useMoveInBoard = (siteId: string, date: string, options: { refetchInterval?: number | false } = {}) =>
  useQuery({ ...getMoveInBoardOptions({ query: { siteId, date } }), staleTime: 0, placeholderData: keepPreviousData, ...options });

/** Units of the site for the schedule and the check-in by unit + name: found by part of the number. */
export const useUnitSearch = (siteId: string, q: string, enabled = true) =>
  useQuery({ ...listUnitsOptions({ query: defined({ siteId, q: q.trim() || undefined, pageSize: 50 }) }), staleTime: 60_000, placeholderData: keepPreviousData, enabled });

export const useSendSchedule = () => useAppointmentsMutation(sendMoveInScheduleMutation());
export const useImportSchedule = () => useAppointmentsMutation(importMoveInScheduleMutation());
export function useCheckIn() {
  const invalidate = useInvalidateAppointments();
  return useMutation<CheckInResponseDto, Problem, CheckInDto>({
    mutationFn: async (body) => (await checkInMoveIn({ body })).data,
    onSuccess: () => invalidate(),
  });
}
export const useDesk = () => useAppointmentsMutation(moveInDeskMutation());
export const useLeaderDecision = () => useAppointmentsMutation(decideMoveInArrivalMutation());
export const useAdvanceStep = () => useAppointmentsMutation(advanceMoveInStepMutation());
export const useRecordMissed = () => useAppointmentsMutation(recordMoveInMissedMutation());
export const useReschedule = () => useAppointmentsMutation(rescheduleMoveInMutation());

// ---- money (GEN-5) ----

/** An amount in fen as yuan in the console's language ("¥2,000.00"). */
export const yuanText = (fen: number | null | undefined, language: string) => (fen === null || fen === undefined ? '—' : formatFen(fen, language));

/** Yuan typed in a form (at most two decimals, read without floating point) as fen; null when not an amount. */
export function toFen(yuan: string | number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  return decimalToHundredths(String(yuan).trim());
}

/** The appointment register (预约统计表) as a file: the register's filters, every appointment, under the API's name. */
export async function downloadRegister(query: Omit<ListServiceAppointmentsData['query'], 'page' | 'pageSize'>, format: 'csv' | 'xlsx') {
  const { data, response } = await exportServiceAppointments({ query: { ...query, format }, parseAs: 'blob' });
  return saveDownload(data, response, `service-appointments.${format}`);
}
