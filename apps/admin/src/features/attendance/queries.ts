import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query, type UseMutationOptions } from '@tanstack/react-query';
import { useMemo } from 'react';
import { clockIn, clockOut, type PolicyVersionDto, type PunchStandingDto, type RotaDto } from '../../api/generated';
import type { Problem } from '../../api/problem';
import {
  acceptSwapMutation,
  cancelLeaveMutation,
  correctPunchMutation,
  createBlackoutDayMutation,
  declineSwapMutation,
  getMonthlyAttendanceReportOptions,
  getRotaOptions,
  getRotaQueryKey,
  listApprovalsOptions,
  listAttendanceDaysOptions,
  listAttendancePolicyVersionsOptions,
  listAttendancePresetsOptions,
  listAttendanceIncidentsOptions,
  listAttendanceWagesOptions,
  listBusinessOutsOptions,
  listEveningMeetingsOptions,
  putAttendanceWageMutation,
  recordAttendanceIncidentMutation,
  cancelBusinessOutMutation,
  voidAttendanceIncidentMutation,
  listBlackoutDaysOptions,
  listKiosksOptions,
  listLeaveRequestsOptions,
  listSwapRequestsOptions,
  proposeRotaMutation,
  publishAttendancePolicyMutation,
  publishRotaMutation,
  putRotaMutation,
  recordEveningMeetingMutation,
  registerBusinessOutMutation,
  recordMedicalCertificateMutation,
  submitMedicalCertificateMutation,
  registerKioskMutation,
  removeBlackoutDayMutation,
  requestLeaveMutation,
  requestMissedPunchMutation,
  requestSwapMutation,
  reviseMonthlyAttendanceReportMutation,
  revokeKioskMutation,
  setClockInPinMutation,
  submitMonthlyAttendanceReportMutation,
} from '../../api/generated/@tanstack/react-query.gen';
import { mondayOf } from './dates';

/** The reads an attendance change can alter: days, the month, the rota, requests and their approvals. */
const ATTENDANCE_READS = new Set([
  'listAttendanceDays',
  'getMonthlyAttendanceReport',
  'getRota',
  'listBlackoutDays',
  'listLeaveRequests',
  'listSwapRequests',
  'listApprovals',
  'listAttendancePolicyVersions',
  'listKiosks',
  'listDiscipline',
  'listBusinessOuts',
  'listAttendanceIncidents',
  'listEveningMeetings',
  'listAttendanceWages',
]);
const isAttendanceRead = (query: Query) => ATTENDANCE_READS.has((query.queryKey[0] as { _id?: string } | undefined)?._id ?? '');

/** After any attendance change: refetch what is on screen, mark the rest stale. */
export function useInvalidateAttendance() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: isAttendanceRead });
}

/** A generated mutation that refreshes attendance reads when it succeeds. */
function useAttendanceMutation<TData, TError, TVariables>(options: UseMutationOptions<TData, TError, TVariables>) {
  const invalidate = useInvalidateAttendance();
  return useMutation({ ...options, onSuccess: () => invalidate() });
}

/** A query without its empty filters (the generated client would send `userId=undefined`). */
const defined = <T extends object>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;

// ---- policy ----

export const usePolicyVersions = (siteId: string) => useQuery({ ...listAttendancePolicyVersionsOptions({ query: { siteId } }), staleTime: 60_000 });
export const usePresets = (enabled = true) => useQuery({ ...listAttendancePresetsOptions(), staleTime: Infinity, enabled });
export const usePublishPolicy = () => useAttendanceMutation(publishAttendancePolicyMutation());

/** The version that governs a date: the last one with effectiveFrom ≤ date (versions come oldest first). */
export function versionOn(versions: readonly PolicyVersionDto[] | undefined, date: string): PolicyVersionDto | undefined {
  if (!versions?.length) return undefined;
  let found: PolicyVersionDto | undefined;
  for (const v of versions) if (v.effectiveFrom <= date && (!found || v.version > found.version)) found = v;
  return found ?? versions[0];
}

// ---- days ----

/** Evaluated days; refetched whenever a page showing them opens (they change with every punch and decision). */
export const useDays = (query: { siteId: string; from: string; to: string; userId?: string }, options: { refetchInterval?: number | false; refetchOnWindowFocus?: boolean } = {}) =>
  useQuery({ ...listAttendanceDaysOptions({ query }), staleTime: 0, placeholderData: keepPreviousData, ...options });

export interface PunchAnswer {
  kind: 'in' | 'out';
  at: string;
  /** 201: a new punch; 200: already clocked in, this is the first punch. */
  created: boolean;
  /** Where the punch puts the person (ATT-4): on time, late or early n minutes, with the rule ids; decided by the API. */
  standing: PunchStandingDto | null;
}

/** Clock in or out at server time; the answer says when, and on time, late or early, as the API decided it. */
export function useClock() {
  const invalidate = useInvalidateAttendance();
  return useMutation<PunchAnswer, Problem, { siteId: string; kind: 'in' | 'out' }>({
    mutationFn: async ({ siteId, kind }) => {
      const { data: punch, response } = kind === 'in' ? await clockIn({ body: { siteId } }) : await clockOut({ body: { siteId } });
      return { kind, at: punch.at, created: response.status === 201, standing: punch.standing ?? null };
    },
    onSuccess: () => invalidate(),
  });
}

// ---- the rota and blackout days ----

export const useRota = (siteId: string, week: string) => useQuery({ ...getRotaOptions({ query: { siteId, week } }), staleTime: 0, placeholderData: keepPreviousData });

/** Names of the site's staff, from the rota of the current week (readable by every member of the site). */
export function useStaffNames(siteId: string, today: string) {
  const rota = useQuery({ ...getRotaOptions({ query: { siteId, week: mondayOf(today) } }), staleTime: 5 * 60_000 });
  const names = useMemo(() => new Map(rota.data?.people.map((p) => [p.userId, p.displayName])), [rota.data]);
  return { names, people: rota.data?.people ?? [], isPending: rota.isPending };
}

/** Rota changes answer the week as it now is: put it in the cache at once, then refresh the rest. */
function useRotaAnswer() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateAttendance();
  return (rota: RotaDto, siteId: string) => {
    queryClient.setQueryData(getRotaQueryKey({ query: { siteId, week: rota.weekStart } }), rota);
    void invalidate();
  };
}

export function usePutRota() {
  const answer = useRotaAnswer();
  return useMutation({ ...putRotaMutation(), onSuccess: (rota, vars) => answer(rota, vars.body.siteId) });
}

export function useProposeRota() {
  const answer = useRotaAnswer();
  return useMutation({ ...proposeRotaMutation(), onSuccess: (rota, vars) => answer(rota, vars.body.siteId) });
}

export function usePublishRota() {
  const answer = useRotaAnswer();
  return useMutation({ ...publishRotaMutation(), onSuccess: (rota, vars) => answer(rota, vars.body.siteId) });
}

export const useBlackoutDays = (siteId: string, from: string, to: string) => useQuery({ ...listBlackoutDaysOptions({ query: { siteId, from, to } }), placeholderData: keepPreviousData });
export const useCreateBlackoutDay = () => useAttendanceMutation(createBlackoutDayMutation());
export const useRemoveBlackoutDay = () => useAttendanceMutation(removeBlackoutDayMutation());

// ---- requests ----

interface RequestListQuery {
  page?: number;
  pageSize?: number;
  status?: 'pending' | 'approved' | 'rejected' | 'cancelled';
}

export const useLeaveRequests = (siteId: string, userId?: string, q: RequestListQuery = {}, enabled = true) =>
  useQuery({ ...listLeaveRequestsOptions({ query: { siteId, pageSize: 100, ...(userId ? { userId } : {}), ...defined(q) } }), staleTime: 0, placeholderData: keepPreviousData, enabled });
export const useRequestLeave = () => useAttendanceMutation(requestLeaveMutation());
export const useCancelLeave = () => useAttendanceMutation(cancelLeaveMutation());
export const useRecordCertificate = () => useAttendanceMutation(recordMedicalCertificateMutation());
export const useSubmitCertificate = () => useAttendanceMutation(submitMedicalCertificateMutation());

export const useSwaps = (siteId: string, userId?: string, q: RequestListQuery = {}, enabled = true) =>
  useQuery({ ...listSwapRequestsOptions({ query: { siteId, pageSize: 100, ...(userId ? { userId } : {}), ...defined(q) } }), staleTime: 0, placeholderData: keepPreviousData, enabled });
export const useRequestSwap = () => useAttendanceMutation(requestSwapMutation());
export const useAcceptSwap = () => useAttendanceMutation(acceptSwapMutation());
export const useDeclineSwap = () => useAttendanceMutation(declineSwapMutation());

export const useRegisterBusinessOut = () => useAttendanceMutation(registerBusinessOutMutation());

// ---- whereabouts, evening meetings, incidents (ATT-10, ATT-1, ATT-6/ATT-9) ----

export interface RecordsFilter {
  siteId: string;
  userId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const useBusinessOuts = (q: RecordsFilter, options: { refetchInterval?: number | false } = {}) =>
  useQuery({ ...listBusinessOutsOptions({ query: defined(q) }), staleTime: 0, placeholderData: keepPreviousData, ...options });
export const useIncidents = (q: RecordsFilter) => useQuery({ ...listAttendanceIncidentsOptions({ query: defined(q) }), staleTime: 0, placeholderData: keepPreviousData });
export const useEveningMeetings = (q: Omit<RecordsFilter, 'userId'>) => useQuery({ ...listEveningMeetingsOptions({ query: defined(q) }), staleTime: 0, placeholderData: keepPreviousData });
export const useRecordIncident = () => useAttendanceMutation(recordAttendanceIncidentMutation());
export const useCancelBusinessOut = () => useAttendanceMutation(cancelBusinessOutMutation());
export const useVoidIncident = () => useAttendanceMutation(voidAttendanceIncidentMutation());

// ---- wages (ATT-12) ----

export const useWages = (siteId: string) => useQuery({ ...listAttendanceWagesOptions({ query: { siteId } }), staleTime: 0 });
export const usePutWage = () => useAttendanceMutation(putAttendanceWageMutation());

export const useRequestMissedPunch = () => useAttendanceMutation(requestMissedPunchMutation());

/** My missed-punch requests: the API lists them only as approvals, so the approvals I asked, of that type. */
export const useMyMissedPunches = (siteId: string) =>
  useQuery({
    ...listApprovalsOptions({ query: { siteId, box: 'mine', pageSize: 200 } }),
    staleTime: 0,
    select: (page) => page.items.filter((a) => a.type === 'attendance.missed_punch'),
  });

export const useSetPin = () => useMutation(setClockInPinMutation());
export const useCorrectPunch = () => useAttendanceMutation(correctPunchMutation());
export const useRecordEveningMeeting = () => useAttendanceMutation(recordEveningMeetingMutation());

// ---- the month ----

export const useMonthlyReport = (siteId: string, month: string, enabled = true) =>
  useQuery({ ...getMonthlyAttendanceReportOptions({ query: { siteId, month } }), staleTime: 0, placeholderData: keepPreviousData, enabled });
export const useSubmitMonth = () => useAttendanceMutation(submitMonthlyAttendanceReportMutation());
export const useReviseMonth = () => useAttendanceMutation(reviseMonthlyAttendanceReportMutation());

// ---- kiosks ----

export const useKiosks = (siteId: string) => useQuery(listKiosksOptions({ query: { siteId } }));
export const useRegisterKiosk = () => useAttendanceMutation(registerKioskMutation());
export const useRevokeKiosk = () => useAttendanceMutation(revokeKioskMutation());
