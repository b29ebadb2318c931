import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query, type UseMutationOptions } from '@tanstack/react-query';
import type {
  ListAppealsData,
  ListCommissionsData,
  ListCustomersData,
  ListDisputesData,
  ListMissedFollowUpsData,
  ListOpenPoolData,
  ListOverdueFollowUpsData,
  ListSitePartnerReportsData,
} from '../../api/generated';
import {
  appealDisputeMutation,
  barAgentMutation,
  decideAppealMutation,
  decideDisputeMutation,
  exemptMissedFollowUpMutation,
  getClientPolicyOptions,
  getConversionFiguresOptions,
  getDisputeOptions,
  listAgentsOptions,
  listAppealsOptions,
  listClientPolicyVersionsOptions,
  listCommissionsOptions,
  listDisputesOptions,
  listFollowUpsOptions,
  listMissedFollowUpsOptions,
  listOpenPoolOptions,
  listOverdueFollowUpsOptions,
  publishClientPolicyMutation,
  raiseDisputeMutation,
  recordDealMutation,
  fileDailyWorkReportMutation,
  judgeDailyWorkReportMutation,
  getDailyWorkReportOptions,
  listDailyWorkFilingsOptions,
  recordVisitMutation,
  listUnrecordedVisitsOptions,
  registerReferralMutation,
  registerEmployeeReferralMutation,
  registerRelationMutation,
  switchConsultantMutation,
  recordFollowUpMutation,
  requestRenewalMutation,
  unbarAgentMutation,
  getCustomerOptions,
  getRotationOptions,
  getRotationQueryKey,
  listAuditEventsOptions,
  listCustomersOptions,
  listSiteConsultantsOptions,
  listSitePartnerReportsOptions,
  listSmsOptions,
  lookupCustomerOptions,
  passRotationMutation,
  publishRotationMutation,
  registerCallMutation,
  registerVisitMutation,
  suspendFromRotationMutation,
} from '../../api/generated/@tanstack/react-query.gen';

/** The reads a client-attribution change can alter: the line, customers, their timelines, reports, SMS. */
const CLIENT_READS = new Set([
  'getRotation',
  'listCustomers',
  'getCustomer',
  'lookupCustomer',
  'listSitePartnerReports',
  'listSms',
  'listAuditEvents',
  'listOpenPool',
  'listFollowUps',
  'listOverdueFollowUps',
  'listMissedFollowUps',
  'listDisputes',
  'getDispute',
  'listAppeals',
  'listAgents',
  'listCommissions',
  'getConversionFigures',
  'getClientPolicy',
  'listClientPolicyVersions',
  'listApprovals',
  'listDiscipline',
  'listUnrecordedVisits',
  'getDailyWorkReport',
  'listDailyWorkFilings',
]);
const isClientRead = (query: Query) => CLIENT_READS.has((query.queryKey[0] as { _id?: string } | undefined)?._id ?? '');

/** After any change (here or announced by the site's event stream): refetch what is on screen. */
export function useInvalidateClients() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: isClientRead });
}

// ---- the reception line (CA-10) ----

export const useRotation = (siteId: string) => useQuery({ ...getRotationOptions({ query: { siteId } }), staleTime: 0 });
export const useConsultants = (siteId: string) => useQuery({ ...listSiteConsultantsOptions({ query: { siteId } }), staleTime: 5 * 60_000 });

/** Line changes answer the line as it now is: into the cache at once, then the rest refreshes. */
function useRotationAnswer() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateClients();
  return (answer: unknown, siteId: string) => {
    queryClient.setQueryData(getRotationQueryKey({ query: { siteId } }), answer);
    void invalidate();
  };
}

export function usePublishRotation() {
  const answer = useRotationAnswer();
  return useMutation({ ...publishRotationMutation(), onSuccess: (line, vars) => answer(line, vars.body.siteId) });
}

export function usePassRotation() {
  const answer = useRotationAnswer();
  return useMutation({ ...passRotationMutation(), onSuccess: (line, vars) => answer(line, vars.body.siteId) });
}

export function useSuspendFromRotation() {
  const answer = useRotationAnswer();
  return useMutation({ ...suspendFromRotationMutation(), onSuccess: (line, vars) => answer(line, vars.body.siteId) });
}

export function useRegisterVisit() {
  const invalidate = useInvalidateClients();
  return useMutation({ ...registerVisitMutation(), onSuccess: () => void invalidate() });
}

// ---- customers (CA-1, GEN-7) ----

/** GEN-7: who owns a number — the owner's name and nothing else. */
export const useLookup = (siteId: string, phone: string | null) =>
  useQuery({ ...lookupCustomerOptions({ query: { siteId, phone: phone ?? '' } }), enabled: !!phone, staleTime: 0 });

export const useCustomers = (query: ListCustomersData['query'], enabled = true) =>
  useQuery({ ...listCustomersOptions({ query }), placeholderData: keepPreviousData, staleTime: 0, enabled });

export const useCustomer = (id: string) => useQuery({ ...getCustomerOptions({ path: { id } }), staleTime: 0, retry: false });

/** The audit trail of one customer (managers): where the owner changed and by which rules. */
export const useCustomerAudit = (siteId: string, customerId: string, enabled: boolean) =>
  useQuery({ ...listAuditEventsOptions({ query: { siteId, entityType: 'customer', entityId: customerId, pageSize: 200 } }), enabled, staleTime: 0 });

export function useRegisterCall() {
  const invalidate = useInvalidateClients();
  return useMutation({ ...registerCallMutation(), onSuccess: () => void invalidate() });
}

export const useSms = (query: { siteId: string; page: number; pageSize: number }) => useQuery({ ...listSmsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });

// ---- the partner-report inbox (CA-6, CA-7) ----

export const useSitePartnerReports = (query: ListSitePartnerReportsData['query']) =>
  useQuery({ ...listSitePartnerReportsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });

/** A generated mutation that refreshes the module's reads when it succeeds. */
function useClientsMutation<TData, TError, TVariables>(options: UseMutationOptions<TData, TError, TVariables>) {
  const invalidate = useInvalidateClients();
  return useMutation({ ...options, onSuccess: () => void invalidate() });
}

// ---- the open pool and renewals (CA-5) ----

export const useOpenPool = (query: ListOpenPoolData['query']) => useQuery({ ...listOpenPoolOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });
export const useRequestRenewal = () => useClientsMutation(requestRenewalMutation());

// ---- follow-ups (CA-5) ----

export const useFollowUps = (customerId: string, enabled: boolean) => useQuery({ ...listFollowUpsOptions({ path: { id: customerId }, query: { pageSize: 100 } }), enabled, staleTime: 0 });
export const useRecordFollowUp = () => useClientsMutation(recordFollowUpMutation());
export const useOverdueFollowUps = (query: ListOverdueFollowUpsData['query']) =>
  useQuery({ ...listOverdueFollowUpsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });
export const useMissedFollowUps = (query: ListMissedFollowUpsData['query']) =>
  useQuery({ ...listMissedFollowUpsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });
export const useExemptMiss = () => useClientsMutation(exemptMissedFollowUpMutation());

// ---- disputes and appeals (CA-12, CA-17) ----

export const useDisputes = (query: ListDisputesData['query']) => useQuery({ ...listDisputesOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });
export const useDispute = (id: string | null) => useQuery({ ...getDisputeOptions({ path: { id: id ?? '' } }), enabled: !!id, staleTime: 0 });
export const useRaiseDispute = () => useClientsMutation(raiseDisputeMutation());
export const useDecideDispute = () => useClientsMutation(decideDisputeMutation());
export const useAppealDispute = () => useClientsMutation(appealDisputeMutation());
export const useAppeals = (query: ListAppealsData['query'], enabled = true) =>
  useQuery({ ...listAppealsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0, enabled });
export const useDecideAppeal = () => useClientsMutation(decideAppealMutation());

// ---- figures (CA-14, CA-19) ----

export const useConversion = (query: { siteId: string; period: 'day' | 'week' | 'month'; date: string }) =>
  useQuery({ ...getConversionFiguresOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });

// ---- agents and commissions (CA-6, CA-17) ----

export const useAgents = (siteId: string) => useQuery({ ...listAgentsOptions({ query: { siteId } }), staleTime: 0 });
export const useBarAgent = () => useClientsMutation(barAgentMutation());
export const useUnbarAgent = () => useClientsMutation(unbarAgentMutation());
export const useCommissions = (query: ListCommissionsData['query']) => useQuery({ ...listCommissionsOptions({ query }), placeholderData: keepPreviousData, staleTime: 0 });

// ---- the section-2 policy ----

export const useClientPolicy = (siteId: string) => useQuery({ ...getClientPolicyOptions({ query: { siteId } }), staleTime: 0 });
export const useClientPolicyVersions = (siteId: string) => useQuery({ ...listClientPolicyVersionsOptions({ query: { siteId } }), staleTime: 0 });
export const usePublishClientPolicy = () => useClientsMutation(publishClientPolicyMutation());

// ---- commands on a customer (CA-3, CA-4, CA-11, CA-17) ----

export const useRecordDeal = () => useClientsMutation(recordDealMutation());
export const useSwitchConsultant = () => useClientsMutation(switchConsultantMutation());
export const useRegisterReferral = () => useClientsMutation(registerReferralMutation());
export const useRegisterRelation = () => useClientsMutation(registerRelationMutation());

// ---- the visit register (GEN-11) ----

export const useUnrecordedVisits = (siteId: string, enabled: boolean) => useQuery({ ...listUnrecordedVisitsOptions({ query: { siteId } }), enabled, staleTime: 0 });
export const useRecordVisit = () => useClientsMutation(recordVisitMutation());

// ---- the daily work report (CA-19) ----

export const useDailyWork = (query: { siteId: string; date: string; consultantId?: string }, enabled = true) =>
  useQuery({ ...getDailyWorkReportOptions({ query }), enabled, staleTime: 0 });
export const useDailyFilings = (siteId: string, date: string, enabled: boolean) => useQuery({ ...listDailyWorkFilingsOptions({ query: { siteId, date } }), enabled, staleTime: 0 });
export const useFileDailyWork = () => useClientsMutation(fileDailyWorkReportMutation());
export const useJudgeDailyWork = () => useClientsMutation(judgeDailyWorkReportMutation());
export const useRegisterEmployeeReferral = () => useClientsMutation(registerEmployeeReferralMutation());
