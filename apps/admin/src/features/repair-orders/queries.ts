import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import {
  bookRepairFollowUp,
  getRepairOrderStatistics,
  getRepairTicketStatistics,
  checkInRepairOrder,
  completeRepairOrder,
  consentRepairDiagnosis,
  decideRepairDiscount,
  declineRepairOrder,
  dispatchRepairOrder,
  estimateRepairOrder,
  exitRepairOrder,
  finishRepairWork,
  handOverRepairOrder,
  prepareRepairDelivery,
  qualityCheckRepairOrder,
  recordAdditionalRepairConsent,
  recordRepairDiagnosis,
  recordRepairFollowUp,
  recordRepairProgressCheck,
  reportAdditionalRepairWork,
  requestRepairDiscount,
  settleRepairOrder,
  signRepairOrder,
  startRepairWork,
  type AdditionalConsentDto,
  type AdditionalWorkDto,
  type BookRepairFollowUpDto,
  type DecideDiscountDto,
  type DeclineDto,
  type DispatchDto,
  type EstimateDto,
  type ExitDto,
  type LineDto,
  type ListRepairOrdersData,
  type ListRepairTicketsData,
  type ListSiteWarrantyClaimsData,
  type ListVehicleFilesData,
  type PrepareDeliveryDto,
  type ProgressCheckInputDto,
  type QualityCheckDto,
  type RecordDiagnosisDto,
  type RecordRepairFollowUpDto,
  type RepairCheckInDto,
  type RepairHandOverDto,
  type RepairOrderDetailDto,
  type RequestDiscountDto,
  type SettleRepairOrderDto,
  type SignDto,
  type SignerDto,
} from '../../api/generated';
import {
  createRepairTicketMutation,
  createVehicleFileMutation,
  dispatchRepairTicketMutation,
  getKeyCabinetOptions,
  getRepairOrderOptions,
  getRepairOrderQueryKey,
  getRepairOrderStatisticsOptions,
  getRepairPolicyOptions,
  getRepairTicketFeesOptions,
  getRepairTicketStatisticsOptions,
  listRepairOrdersOptions,
  listRepairTicketsOptions,
  listVehicleFilesOptions,
  openRepairOrderMutation,
  recordRepairTicketFeePaidMutation,
  reportRepairTicketDoneMutation,
  closeRepairTicketMutation,
  bookRepairTicketFollowUpMutation,
  claimWarrantyMutation,
  decideWarrantyClaimMutation,
  getKeyCabinetQueryKey,
  getRepairTicketOptions,
  getVehicleFileOptions,
  handOverRepairTicketMutation,
  listWarrantyClaimsOptions,
  listSiteWarrantyClaimsOptions,
  publishRepairPolicyMutation,
  recordRepairTicketFollowUpMutation,
  recordServiceReminderSentMutation,
  setKeyCabinetMutation,
} from '../../api/generated/@tanstack/react-query.gen';
import type { Problem } from '../../api/problem';
import { saveDownload } from '../../shared/download';

/** The reads a repair-order or ticket change can alter. */
const READS = new Set([
  'listRepairOrders',
  'getRepairOrder',
  'listRepairFollowUps',
  'getRepairOrderStatistics',
  'getKeyCabinet',
  'listVehicleFiles',
  'listSiteWarrantyClaims',
  'listRepairTickets',
  'getRepairTicket',
  'getRepairTicketFees',
  'getRepairTicketStatistics',
  'listApprovals',
]);
const isRead = (query: Query) => READS.has((query.queryKey[0] as { _id?: string } | undefined)?._id ?? '');

/** After any change (here or announced by the site's live events): refetch what is on screen. */
export function useInvalidateRepairOrders() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: isRead });
}

/** A query without its empty filters (the generated client would send `state=undefined`). */
const defined = <T extends object>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

// ---- policy and cabinet ----

/** The parts of the site's RepairOrderPolicy the console reads (docs/repair-order.md). */
export interface RepairPolicyView {
  estimate: { defaultMethod: string; labourRateFen: number; symptomRiskMarginPercent: number; criticalSystems: string[] };
  fees: { diagnosisFen: number; estimateFen: number } & Record<string, number>;
  tickets: {
    departments: { code: string; name: string; timeLimitMinutes: number }[];
    categories: { code: string; name: string; department: string; paid: boolean }[];
  };
}

export const useRepairPolicy = (siteId: string) =>
  useQuery({ ...getRepairPolicyOptions({ query: { siteId } }), staleTime: 5 * 60_000, select: (v) => ({ version: v.version, policy: v.policy as unknown as RepairPolicyView }) });

export const useKeyCabinet = (siteId: string) => useQuery({ ...getKeyCabinetOptions({ query: { siteId } }), staleTime: 0 });

// ---- orders ----

export type OrdersQuery = ListRepairOrdersData['query'];

export const useRepairOrders = (query: OrdersQuery, refetchInterval: number | false = false) =>
  useQuery({ ...listRepairOrdersOptions({ query: defined(query) }), staleTime: 0, placeholderData: keepPreviousData, refetchInterval });

export const useRepairOrder = (id: string, refetchInterval: number | false = false) => useQuery({ ...getRepairOrderOptions({ path: { id } }), staleTime: 0, refetchInterval });

export const useVehicleFiles = (siteId: string, plate: string, enabled = true) =>
  useQuery({ ...listVehicleFilesOptions({ query: defined({ siteId, plate: plate.trim() || undefined, pageSize: 20 }) }), staleTime: 0, placeholderData: keepPreviousData, enabled });

export function useCreateVehicleFile() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...createVehicleFileMutation(), onSuccess: () => invalidate() });
}

export function useOpenRepairOrder() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...openRepairOrderMutation(), onSuccess: () => invalidate() });
}

/** Every life-cycle command with its body, as the API's one route per command takes it. */
export type RepairAction =
  | { type: 'consent_diagnosis'; body: SignerDto }
  | { type: 'record_diagnosis'; body: RecordDiagnosisDto }
  | { type: 'estimate'; body: EstimateDto }
  | { type: 'sign'; body: SignDto }
  | { type: 'decline'; body: DeclineDto }
  | { type: 'check_in'; body: RepairCheckInDto }
  | { type: 'dispatch'; body: DispatchDto }
  | { type: 'report_additional_work'; body: AdditionalWorkDto }
  | { type: 'record_additional_consent'; body: AdditionalConsentDto }
  | { type: 'start_work'; body: LineDto }
  | { type: 'finish_work'; body: LineDto }
  | { type: 'record_progress_check'; body: ProgressCheckInputDto }
  | { type: 'complete' }
  | { type: 'quality_check'; body: QualityCheckDto }
  | { type: 'prepare_delivery'; body: PrepareDeliveryDto }
  | { type: 'request_discount'; body: RequestDiscountDto }
  | { type: 'decide_discount'; body: DecideDiscountDto }
  | { type: 'settle'; body: SettleRepairOrderDto }
  | { type: 'exit'; body: ExitDto }
  | { type: 'book_follow_up'; body: BookRepairFollowUpDto }
  | { type: 'record_follow_up'; body: RecordRepairFollowUpDto }
  | { type: 'hand_over'; body: RepairHandOverDto };
export type RepairCommandType = RepairAction['type'];

/** One command through the generated client's function for its route. */
async function run(id: string, a: RepairAction): Promise<RepairOrderDetailDto> {
  const path = { id };
  switch (a.type) {
    case 'consent_diagnosis':
      return (await consentRepairDiagnosis({ path, body: a.body })).data;
    case 'record_diagnosis':
      return (await recordRepairDiagnosis({ path, body: a.body })).data;
    case 'estimate':
      return (await estimateRepairOrder({ path, body: a.body })).data;
    case 'sign':
      return (await signRepairOrder({ path, body: a.body })).data;
    case 'decline':
      return (await declineRepairOrder({ path, body: a.body })).data;
    case 'check_in':
      return (await checkInRepairOrder({ path, body: a.body })).data;
    case 'dispatch':
      return (await dispatchRepairOrder({ path, body: a.body })).data;
    case 'report_additional_work':
      return (await reportAdditionalRepairWork({ path, body: a.body })).data;
    case 'record_additional_consent':
      return (await recordAdditionalRepairConsent({ path, body: a.body })).data;
    case 'start_work':
      return (await startRepairWork({ path, body: a.body })).data;
    case 'finish_work':
      return (await finishRepairWork({ path, body: a.body })).data;
    case 'record_progress_check':
      return (await recordRepairProgressCheck({ path, body: a.body })).data;
    case 'complete':
      return (await completeRepairOrder({ path })).data;
    case 'quality_check':
      return (await qualityCheckRepairOrder({ path, body: a.body })).data;
    case 'prepare_delivery':
      return (await prepareRepairDelivery({ path, body: a.body })).data;
    case 'request_discount':
      return (await requestRepairDiscount({ path, body: a.body })).data;
    case 'decide_discount':
      return (await decideRepairDiscount({ path, body: a.body })).data;
    case 'settle':
      return (await settleRepairOrder({ path, body: a.body })).data;
    case 'exit':
      return (await exitRepairOrder({ path, body: a.body })).data;
    case 'book_follow_up':
      return (await bookRepairFollowUp({ path, body: a.body })).data;
    case 'record_follow_up':
      return (await recordRepairFollowUp({ path, body: a.body })).data;
    case 'hand_over':
      return (await handOverRepairOrder({ path, body: a.body })).data;
  }
}

/** A command: the API answers the order as it now is; put it on screen at once, then refresh the rest. */
export function useRepairCommand() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRepairOrders();
  return useMutation<RepairOrderDetailDto, Problem, { id: string; action: RepairAction }>({
    mutationFn: ({ id, action }) => run(id, action),
    onSuccess: (order) => {
      queryClient.setQueryData(getRepairOrderQueryKey({ path: { id: order.id } }), order);
      void invalidate();
    },
  });
}

// ---- statistics (RO-12) ----

export const useRepairStatistics = (siteId: string, period: 'week' | 'month', from: string, to: string, enabled = true) =>
  useQuery({ ...getRepairOrderStatisticsOptions({ query: { siteId, period, from, to } }), staleTime: 0, placeholderData: keepPreviousData, enabled });

export const useTicketStatistics = (siteId: string, period: 'week' | 'month', from: string, to: string, enabled = true) =>
  useQuery({ ...getRepairTicketStatisticsOptions({ query: { siteId, period, from, to } }), staleTime: 0, placeholderData: keepPreviousData, enabled });

/** RO-12 export for finance: the API's CSV or XLSX of the orders' or the tickets' statistics, saved under its file name. */
export async function downloadRepairStatistics(what: 'orders' | 'tickets', query: { siteId: string; period: 'week' | 'month'; from: string; to: string }, format: 'csv' | 'xlsx') {
  const get = what === 'orders' ? getRepairOrderStatistics : getRepairTicketStatistics;
  const { data, response } = await get({ query: { ...query, format }, parseAs: 'blob' });
  return saveDownload(data, response, `repair-${what}-${query.from}-${query.to}.${format}`);
}

// ---- property repair tickets (RO-11) ----

export type TicketsQuery = ListRepairTicketsData['query'];

export const useRepairTickets = (query: TicketsQuery, refetchInterval: number | false = false) =>
  useQuery({ ...listRepairTicketsOptions({ query: defined(query) }), staleTime: 0, placeholderData: keepPreviousData, refetchInterval });

export const useTicketFees = (siteId: string, weekStart: string, enabled = true) =>
  useQuery({ ...getRepairTicketFeesOptions({ query: { siteId, weekStart } }), staleTime: 0, placeholderData: keepPreviousData, enabled });

export function useCreateTicket() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...createRepairTicketMutation(), onSuccess: () => invalidate() });
}
export function useDispatchTicket() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...dispatchRepairTicketMutation(), onSuccess: () => invalidate() });
}
export function useReportTicketDone() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...reportRepairTicketDoneMutation(), onSuccess: () => invalidate() });
}
export function useTicketFeePaid() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...recordRepairTicketFeePaidMutation(), onSuccess: () => invalidate() });
}
export function useCloseTicket() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...closeRepairTicketMutation(), onSuccess: () => invalidate() });
}

// ---- issue #7 console screens: warranty claims, ticket follow-up and hand-over, vehicle files, settings ----

const invalidateIds = (queryClient: ReturnType<typeof useQueryClient>, ids: readonly string[]) =>
  queryClient.invalidateQueries({ predicate: (q) => ids.includes((q.queryKey[0] as { _id?: string } | undefined)?._id ?? '') });

/** RO-10: the order's warranty claims (the API lists them per order). */
export const useWarrantyClaims = (orderId: string, enabled = true) => useQuery({ ...listWarrantyClaimsOptions({ path: { id: orderId } }), staleTime: 0, enabled });

/** RO-10: the site's claims, open ones first, by status and plate, paged. */
export type SiteClaimsQuery = ListSiteWarrantyClaimsData['query'];
export const useSiteWarrantyClaims = (query: SiteClaimsQuery) => useQuery({ ...listSiteWarrantyClaimsOptions({ query: defined(query) }), staleTime: 0, placeholderData: keepPreviousData });

export function useClaimWarranty() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...claimWarrantyMutation(), onSuccess: () => void Promise.all([invalidateIds(queryClient, ['listWarrantyClaims']), invalidate()]) });
}
export function useDecideWarrantyClaim() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...decideWarrantyClaimMutation(), onSuccess: () => void Promise.all([invalidateIds(queryClient, ['listWarrantyClaims']), invalidate()]) });
}

/** RO-11: one ticket with its follow-up task and timeline. */
export const useRepairTicket = (id: string, enabled = true) => useQuery({ ...getRepairTicketOptions({ path: { id } }), staleTime: 0, enabled });

export function useBookTicketFollowUp() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...bookRepairTicketFollowUpMutation(), onSuccess: () => invalidate() });
}
export function useRecordTicketFollowUp() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...recordRepairTicketFollowUpMutation(), onSuccess: () => invalidate() });
}
export function useHandOverTicket() {
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...handOverRepairTicketMutation(), onSuccess: () => invalidate() });
}

/** RO-1: vehicle files with filters and paging (the reminder list is `reminder=due`). */
export type VehiclesQuery = ListVehicleFilesData['query'];
export const useVehicleFileList = (query: VehiclesQuery) => useQuery({ ...listVehicleFilesOptions({ query: defined(query) }), staleTime: 0, placeholderData: keepPreviousData });
export const useVehicleFile = (id: string) => useQuery({ ...getVehicleFileOptions({ path: { id } }), staleTime: 0 });

export function useServiceReminderSent() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRepairOrders();
  return useMutation({ ...recordServiceReminderSentMutation(), onSuccess: () => void Promise.all([invalidateIds(queryClient, ['getVehicleFile']), invalidate()]) });
}

/** Settings: the key cabinet (RO-5) and the policy versions; a change shows at once everywhere. */
export const useRepairPolicyVersion = (siteId: string) => useQuery({ ...getRepairPolicyOptions({ query: { siteId } }), staleTime: 0 });

export function useSetKeyCabinet() {
  const queryClient = useQueryClient();
  return useMutation({
    ...setKeyCabinetMutation(),
    onSuccess: (cabinet, v) => {
      queryClient.setQueryData(getKeyCabinetQueryKey({ query: { siteId: v.body.siteId } }), cabinet);
      void invalidateIds(queryClient, ['getKeyCabinet']);
    },
  });
}
export function usePublishRepairPolicy() {
  const queryClient = useQueryClient();
  return useMutation({ ...publishRepairPolicyMutation(), onSuccess: () => void invalidateIds(queryClient, ['getRepairPolicy']) });
}
