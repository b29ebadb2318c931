import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query, type UseMutationOptions } from '@tanstack/react-query';
import { useMemo } from 'react';
import { clockIn, clockOut, listAttendanceDays, type PolicyVersionDto, type RotaDto } from '../../api/generated';
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
export const useDays = (query: { siteId: string; from: string; to: string; userId?: string }, options: { refetchInterval?: number; refetchOnWindowFocus?: boolean } = {}) =>
  useQuery({ ...listAttendanceDaysOptions({ query }), staleTime: 0, placeholderData: keepPreviousData, ...options });

export interface PunchAnswer {
  kind: 'in' | 'out';
  at: string;
  /** 201: a new punch; 200: already clocked in, this is the first punch. */
  created: boolean;
  lateMinutes: number;
  earlyMinutes: number;
}

/** Clock in or out at server time; the answer says when, and late or early as the day now reads. */
export function useClock() {
  const invalidate = useInvalidateAttendance();
  return useMutation<PunchAnswer, Problem, { siteId: string; kind: 'in' | 'out' }>({
    mutationFn: async ({ siteId, kind }) => {
      const { data: punch, response } = kind === 'in' ? await clockIn({ body: { siteId } }) : await clockOut({ body: { siteId } });
      const { data: days } = await listAttendanceDays({ query: { siteId, from: punch.shiftDate, to: punch.shiftDate } });
      const day = days[0]?.days[0];
      return { kind, at: punch.at, created: response.status === 201, lateMinutes: day?.lateMinutes ?? 0, earlyMinutes: day?.earlyMinutes ?? 0 };
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

export const useLeaveRequests = (siteId: string, userId?: string) =>
  useQuery({ ...listLeaveRequestsOptions({ query: { siteId, pageSize: 100, ...(userId ? { userId } : {}) } }), staleTime: 0 });
export const useRequestLeave = () => useAttendanceMutation(requestLeaveMutation());
export const useCancelLeave = () => useAttendanceMutation(cancelLeaveMutation());
export const useRecordCertificate = () => useAttendanceMutation(recordMedicalCertificateMutation());

export const useSwaps = (siteId: string, userId?: string) =>
  useQuery({ ...listSwapRequestsOptions({ query: { siteId, pageSize: 100, ...(userId ? { userId } : {}) } }), staleTime: 0 });
export const useRequestSwap = () => useAttendanceMutation(requestSwapMutation());
export const useAcceptSwap = () => useAttendanceMutation(acceptSwapMutation());
export const useDeclineSwap = () => useAttendanceMutation(declineSwapMutation());

export const useRegisterBusinessOut = () => useAttendanceMutation(registerBusinessOutMutation());

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
