import type { ComplaintPolicy } from '@sitedesk/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import {
  approveComplaintProposal,
  bookComplaintFollowUp,
  closeComplaint,
  complaintCustomerDeclined,
  complaintCustomerResponded,
  escalateComplaint,
  exportComplaints,
  getComplaintStatistics,
  handOverComplaint,
  investigateComplaint,
  proposeComplaintSolutions,
  recordComplaintFollowUp,
  reopenComplaint,
  resolveComplaint,
  respondToComplaint,
  sendBackComplaintProposals,
  settleComplaintOnTheSpot,
  takeComplaint,
  triageComplaint,
  waitForComplaintCustomer,
  type ApproveDto,
  type BookFollowUpDto,
  type CommentDto,
  type ComplaintDetailDto,
  type ComplaintPolicyVersionDto,
  type HandOverDto,
  type InvestigateDto,
  type ListComplaintFollowUpsData,
  type ListComplaintsData,
  type ProposeDto,
  type ComplaintReasonDto,
  type RecordFollowUpDto,
  type ResolveDto,
  type RespondDto,
  type SettleDto,
  type ShortReasonDto,
  type SummaryDto,
  type TriageDto,
} from '../../api/generated';
import {
  createComplaintMutation,
  getComplaintOptions,
  getComplaintPolicyOptions,
  getComplaintQueryKey,
  getComplaintStatisticsOptions,
  listComplaintFollowUpsOptions,
  listComplaintsOptions,
  listUnitsOptions,
} from '../../api/generated/@tanstack/react-query.gen';
import type { Problem } from '../../api/problem';
import { saveDownload } from '../../shared/download';

/** The reads a complaint change can alter: the inbox, the complaint, the calls, the statistics, the approvals inbox. */
const COMPLAINT_READS = new Set(['listComplaints', 'getComplaint', 'listComplaintFollowUps', 'getComplaintStatistics', 'listApprovals', 'listDiscipline']);
const isComplaintRead = (query: Query) => COMPLAINT_READS.has((query.queryKey[0] as { _id?: string } | undefined)?._id ?? '');

/** After any complaint change (here or announced by the site's live events): refetch what is on screen. */
export function useInvalidateComplaints() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: isComplaintRead });
}

/** A query without its empty filters (the generated client would send `status=undefined`). */
const defined = <T extends object>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

// ---- the policy (categories, SLA, chain, follow-up rest hours) ----

export interface PolicyVersion {
  version: number;
  policy: ComplaintPolicy;
}
const toPolicy = (v: ComplaintPolicyVersionDto): PolicyVersion => ({ version: v.version, policy: v.policy as unknown as ComplaintPolicy });

export const useComplaintPolicy = (siteId: string) => useQuery({ ...getComplaintPolicyOptions({ query: { siteId } }), staleTime: 5 * 60_000, select: toPolicy });

// ---- reads ----

export type InboxQuery = ListComplaintsData['query'];

export const useComplaints = (query: InboxQuery, refetchInterval: number | false, enabled = true) =>
  useQuery({ ...listComplaintsOptions({ query: defined(query) }), staleTime: 0, placeholderData: keepPreviousData, refetchInterval, enabled });

export const useComplaint = (id: string, refetchInterval: number | false) => useQuery({ ...getComplaintOptions({ path: { id } }), staleTime: 0, refetchInterval });

export const useFollowUpCalls = (query: ListComplaintFollowUpsData['query'], refetchInterval: number | false = false) =>
  useQuery({ ...listComplaintFollowUpsOptions({ query: defined(query) }), staleTime: 0, placeholderData: keepPreviousData, refetchInterval });

export type StatisticsPeriod = { month: string } | { year: string };

export const useComplaintStatistics = (siteId: string, period: StatisticsPeriod, enabled = true) =>
  useQuery({ ...getComplaintStatisticsOptions({ query: { siteId, ...period } }), staleTime: 0, placeholderData: keepPreviousData, enabled });

// ---- writes ----

export function useCreateComplaint() {
  const invalidate = useInvalidateComplaints();
  return useMutation({ ...createComplaintMutation(), onSuccess: () => invalidate() });
}

/** Every CMP-9 transition with its body, as the API's one route per command takes it. */
export type ComplaintAction =
  | { type: 'take' }
  | { type: 'respond'; body: RespondDto }
  | { type: 'triage'; body: TriageDto }
  | { type: 'settle_on_the_spot'; body: SettleDto }
  | { type: 'investigate'; body: InvestigateDto }
  | { type: 'propose'; body: ProposeDto }
  | { type: 'approve'; body: ApproveDto }
  | { type: 'send_back'; body: CommentDto }
  | { type: 'resolve'; body: ResolveDto }
  | { type: 'customer_declined'; body: ComplaintReasonDto }
  | { type: 'book_follow_up'; body: BookFollowUpDto }
  | { type: 'record_follow_up'; body: RecordFollowUpDto }
  | { type: 'close'; body: SummaryDto }
  | { type: 'reopen'; body: ComplaintReasonDto }
  | { type: 'escalate'; body: ComplaintReasonDto }
  | { type: 'hand_over'; body: HandOverDto }
  | { type: 'wait_for_customer'; body: ShortReasonDto }
  | { type: 'customer_responded' };
export type ComplaintCommandType = ComplaintAction['type'];

/** One transition through the generated client's function for its route. */
async function run(id: string, a: ComplaintAction): Promise<ComplaintDetailDto> {
  const path = { id };
  switch (a.type) {
    case 'take':
      return (await takeComplaint({ path })).data;
    case 'respond':
      return (await respondToComplaint({ path, body: a.body })).data;
    case 'triage':
      return (await triageComplaint({ path, body: a.body })).data;
    case 'settle_on_the_spot':
      return (await settleComplaintOnTheSpot({ path, body: a.body })).data;
    case 'investigate':
      return (await investigateComplaint({ path, body: a.body })).data;
    case 'propose':
      return (await proposeComplaintSolutions({ path, body: a.body })).data;
    case 'approve':
      return (await approveComplaintProposal({ path, body: a.body })).data;
    case 'send_back':
      return (await sendBackComplaintProposals({ path, body: a.body })).data;
    case 'resolve':
      return (await resolveComplaint({ path, body: a.body })).data;
    case 'customer_declined':
      return (await complaintCustomerDeclined({ path, body: a.body })).data;
    case 'book_follow_up':
      return (await bookComplaintFollowUp({ path, body: a.body })).data;
    case 'record_follow_up':
      return (await recordComplaintFollowUp({ path, body: a.body })).data;
    case 'close':
      return (await closeComplaint({ path, body: a.body })).data;
    case 'reopen':
      return (await reopenComplaint({ path, body: a.body })).data;
    case 'escalate':
      return (await escalateComplaint({ path, body: a.body })).data;
    case 'hand_over':
      return (await handOverComplaint({ path, body: a.body })).data;
    case 'wait_for_customer':
      return (await waitForComplaintCustomer({ path, body: a.body })).data;
    case 'customer_responded':
      return (await complaintCustomerResponded({ path })).data;
  }
}

/** A transition: the API answers the complaint as it now is; put it on screen at once, then refresh the rest. */
export function useComplaintCommand() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateComplaints();
  return useMutation<ComplaintDetailDto, Problem, { id: string; action: ComplaintAction }>({
    mutationFn: ({ id, action }) => run(id, action),
    onSuccess: (complaint) => {
      queryClient.setQueryData(getComplaintQueryKey({ path: { id: complaint.id } }), complaint);
      void invalidate();
    },
  });
}

/** The complaint register: the inbox's filters, every matching complaint, as a file under the API's name. */
export async function downloadRegister(query: Omit<InboxQuery, 'page' | 'pageSize'>, format: 'csv' | 'xlsx') {
  const { data, response } = await exportComplaints({ query: { ...defined(query), format }, parseAs: 'blob' });
  return saveDownload(data, response, `complaints.${format}`);
}

/** CMP-8 export: fetched through the generated client (with the sign-in), saved under the API's file name. */
export async function downloadStatistics(siteId: string, period: StatisticsPeriod, format: 'csv' | 'xlsx', by: 'category' | 'department' | 'staff' | 'channel' | 'month') {
  const { data, response } = await getComplaintStatistics({ query: { siteId, ...period, format, ...(format === 'csv' ? { by } : {}) }, parseAs: 'blob' });
  return saveDownload(data, response, `complaints.${format}`);
}

/** Units of the site matching a part of their number, for linking a complaint to one (CMP-1). */
export const useUnitSearch = (siteId: string, q: string, enabled: boolean) =>
  useQuery({ ...listUnitsOptions({ query: defined({ siteId, q, pageSize: 20 }) }), enabled, staleTime: 60_000, placeholderData: keepPreviousData });
