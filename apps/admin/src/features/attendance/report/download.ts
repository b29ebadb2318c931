import { getMonthlyAttendanceReport, getOrganizationAttendanceReport } from '../../../api/generated';
import { saveDownload } from '../../../shared/download';

/** ATT-14 export, saved under the name the API gave it. */
export async function downloadMonthlyReport(siteId: string, month: string, format: 'csv' | 'xlsx') {
  const { data, response } = await getMonthlyAttendanceReport({ query: { siteId, month, format }, parseAs: 'blob' });
  return saveDownload(data, response, `attendance-${month}.${format}`);
}

/** ATT-14 for a director or an admin: every site they direct, one table. */
export async function downloadOrganizationReport(month: string, format: 'csv' | 'xlsx') {
  const { data, response } = await getOrganizationAttendanceReport({ query: { month, format }, parseAs: 'blob' });
  return saveDownload(data, response, `attendance-organization-${month}.${format}`);
}
