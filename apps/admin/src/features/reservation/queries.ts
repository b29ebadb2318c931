import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query, type UseMutationOptions } from '@tanstack/react-query';
import type { Problem } from '../../api/problem';
import { exportUnits, listUnits, type ListUnitOrdersData, type ListUnitsData, type UnitDto } from '../../api/generated';
import { saveDownload } from '../../shared/download';
import {
  contractUnitOrderMutation,
  createUnitMutation,
  depositUnitOrderMutation,
  getReservationPolicyOptions,
  getUnitOptions,
  getUnitOrderOptions,
  holdUnitMutation,
  importUnitsMutation,
  listCustomersOptions,
  listUnitOrdersOptions,
  listUnitsOptions,
  publishReservationPolicyMutation,
  recordSigningNoticeMutation,
  recordUnitOrderPaymentMutation,
  releaseUnitOrderMutation,
  requestUnitOrderCancellationMutation,
  requestUnitOrderDiscountMutation,
  requestUnitOrderWordingMutation,
  setUnitOrderClausesMutation,
  subscribeUnitOrderMutation,
  updateUnitMutation,
  voidUnitOrderMutation,
} from '../../api/generated/@tanstack/react-query.gen';

/** The board's own key: every unit of the site, read page by page through the generated client. */
const BOARD = 'reservationBoard';

/** The reads a reservation change can alter: the board, units, orders, and the approvals a request adds. */
const RESERVATION_READS = new Set([BOARD, 'listUnits', 'getUnit', 'listUnitOrders', 'getUnitOrder', 'listApprovals', 'getReservationPolicy']);
const isReservationRead = (query: Query) => {
  const head = query.queryKey[0] as { _id?: string } | string | undefined;
  return RESERVATION_READS.has(typeof head === 'string' ? head : (head?._id ?? ''));
};

/** After any change (here or announced on the site's event stream): refetch what is on screen, mark the rest stale. */
export function useInvalidateReservation() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: isReservationRead });
}

function useReservationMutation<TData, TError, TVariables>(options: UseMutationOptions<TData, TError, TVariables>) {
  const invalidate = useInvalidateReservation();
  return useMutation({ ...options, onSuccess: () => invalidate() });
}

/** A query without its empty filters (the generated client would send `status=undefined`). */
const defined = <T extends object>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

/** The API's largest page. */
const MAX_PAGE = 200;
/** A board beyond this many units is cut (and says so). */
export const BOARD_LIMIT = 5_000;

/** Every unit of the site for the sales board (RES-1), with their status read now; refetched on each `reservation.unit` event. */
export const useBoardUnits = (siteId: string, refetchInterval: number | false) =>
  useQuery<{ units: UnitDto[]; total: number }, Problem>({
    queryKey: [BOARD, siteId],
    queryFn: async ({ signal }) => {
      const units: UnitDto[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const { data } = await listUnits({ query: { siteId, page, pageSize: MAX_PAGE }, signal });
        units.push(...data.items);
        total = data.total;
        if (data.items.length < MAX_PAGE || units.length >= Math.min(total, BOARD_LIMIT)) break;
      }
      return { units, total };
    },
    staleTime: 0,
    refetchInterval,
    refetchOnWindowFocus: true,
  });

export const useUnits = (q: ListUnitsData['query'], refetchInterval: number | false = false) =>
  useQuery({ ...listUnitsOptions({ query: defined(q) }), staleTime: 0, placeholderData: keepPreviousData, refetchInterval });
/** The sales control sheet (销控表): every unit the filters find, as a file under the API's name. */
export async function downloadUnits(q: Omit<ListUnitsData['query'], 'page' | 'pageSize'>, format: 'csv' | 'xlsx') {
  const { data, response } = await exportUnits({ query: { ...defined(q), format }, parseAs: 'blob' });
  return saveDownload(data, response, `units.${format}`);
}
export const useUnit = (id: string | null) => useQuery({ ...getUnitOptions({ path: { id: id ?? '' } }), enabled: !!id, staleTime: 0 });
export const useCreateUnit = () => useReservationMutation(createUnitMutation());
export const useUpdateUnit = () => useReservationMutation(updateUnitMutation());
export const useImportUnits = () => useReservationMutation(importUnitsMutation());

export const useOrders = (q: ListUnitOrdersData['query'], options: { enabled?: boolean; refetchInterval?: number | false } = {}) =>
  useQuery({ ...listUnitOrdersOptions({ query: defined(q) }), staleTime: 0, placeholderData: keepPreviousData, ...options });
export const useOrder = (id: string | null | undefined) => useQuery({ ...getUnitOrderOptions({ path: { id: id ?? '' } }), enabled: !!id, staleTime: 0 });

export const usePolicy = (siteId: string) => useQuery({ ...getReservationPolicyOptions({ query: { siteId } }), staleTime: 60_000 });
export const usePublishPolicy = () => useReservationMutation(publishReservationPolicyMutation());

/** The site's customers to hold a unit for (client attribution), by name or phone. */
export const useCustomerChoices = (siteId: string, q: string, enabled: boolean) =>
  useQuery({ ...listCustomersOptions({ query: defined({ siteId, scope: 'all' as const, q: q.trim(), pageSize: 20 }) }), enabled, placeholderData: keepPreviousData });

export const useHold = () => useReservationMutation(holdUnitMutation());
export const useSubscribe = () => useReservationMutation(subscribeUnitOrderMutation());
export const useDeposit = () => useReservationMutation(depositUnitOrderMutation());
export const useSigningNotice = () => useReservationMutation(recordSigningNoticeMutation());
export const useContract = () => useReservationMutation(contractUnitOrderMutation());
export const useRelease = () => useReservationMutation(releaseUnitOrderMutation());
export const useVoid = () => useReservationMutation(voidUnitOrderMutation());
export const usePayment = () => useReservationMutation(recordUnitOrderPaymentMutation());
export const useCancellation = () => useReservationMutation(requestUnitOrderCancellationMutation());
export const useDiscount = () => useReservationMutation(requestUnitOrderDiscountMutation());
export const useWording = () => useReservationMutation(requestUnitOrderWordingMutation());
export const useClauses = () => useReservationMutation(setUnitOrderClausesMutation());
