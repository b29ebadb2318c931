import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getOrganizationComplaintStatistics } from '../../../api/generated';
import { getOrganizationComplaintStatisticsOptions } from '../../../api/generated/@tanstack/react-query.gen';
import { saveDownload } from '../../../shared/download';
import type { StatisticsPeriod } from '../queries';

/** Who reads the organization-wide statistics (the API's rule: director or admin on the sites read). */
export const ORGANIZATION_READERS = ['director', 'admin'] as const;

/** CMP-8 for a director: every site they direct, one request (issue #6). */
export const useOrganizationStatistics = (period: StatisticsPeriod, enabled: boolean) =>
  useQuery({ ...getOrganizationComplaintStatisticsOptions({ query: { ...period } }), staleTime: 0, placeholderData: keepPreviousData, enabled });

/** The organization's table as CSV or XLSX, saved under the API's file name. */
export async function downloadOrganizationStatistics(period: StatisticsPeriod, format: 'csv' | 'xlsx') {
  const { data, response } = await getOrganizationComplaintStatistics({ query: { ...period, format }, parseAs: 'blob' });
  return saveDownload(data, response, `complaints-organization.${format}`);
}
