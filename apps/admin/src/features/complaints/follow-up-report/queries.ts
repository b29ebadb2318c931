import { keepPreviousData, useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import { getComplaintFollowUpReport, publishComplaintFollowUpReport, saveComplaintFollowUpReport, type FollowUpReportDto } from '../../../api/generated';
import { getComplaintFollowUpReportOptions, listPublishedComplaintFollowUpReportsOptions } from '../../../api/generated/@tanstack/react-query.gen';
import type { Problem } from '../../../api/problem';
import { saveDownload } from '../../../shared/download';

/** The reads a report change alters. */
const REPORT_READS = new Set(['getComplaintFollowUpReport', 'listPublishedComplaintFollowUpReports']);
const isReportRead = (query: Query) => REPORT_READS.has((query.queryKey[0] as { _id?: string } | undefined)?._id ?? '');

export const useFollowUpReport = (siteId: string, period: string, version?: number) =>
  useQuery({ ...getComplaintFollowUpReportOptions({ query: { siteId, period, ...(version ? { version } : {}) } }), staleTime: 0, placeholderData: keepPreviousData });

export const usePublishedReports = (siteId: string, kind: 'week' | 'month', page: number) =>
  useQuery({ ...listPublishedComplaintFollowUpReportsOptions({ query: { siteId, kind, page, pageSize: 10 } }), staleTime: 0, placeholderData: keepPreviousData });

export interface ReportText {
  causes: string;
  improvements: string;
}

/** Save the draft; with `publish`, then publish it (the text on screen is what gets published). */
export function useSaveReport(siteId: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation<FollowUpReportDto, Problem, { text: ReportText; publish: boolean }>({
    mutationFn: async ({ text, publish }) => {
      const saved = (await saveComplaintFollowUpReport({ path: { siteId, period }, body: text })).data;
      return publish ? (await publishComplaintFollowUpReport({ path: { siteId, period } })).data : saved;
    },
    onSettled: () => queryClient.invalidateQueries({ predicate: isReportRead }),
  });
}

/** CSV or XLSX of a published version (or the live figures with the draft), saved under the API's file name. */
export async function downloadReport(siteId: string, period: string, version: number | undefined, format: 'csv' | 'xlsx') {
  const { data, response } = await getComplaintFollowUpReport({ query: { siteId, period, format, ...(version ? { version } : {}) }, parseAs: 'blob' });
  return saveDownload(data, response, `follow-up-report.${format}`);
}
