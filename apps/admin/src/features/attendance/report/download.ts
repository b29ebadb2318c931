import { getMonthlyAttendanceReport } from '../../../api/generated';
import { saveDownload } from '../../../shared/download';

/** ATT-14 export, saved under the name the API gave it. */
export async function downloadMonthlyReport(siteId: string, month: string, format: 'csv' | 'xlsx') {
  const { data, response } = await getMonthlyAttendanceReport({ query: { siteId, month, format }, parseAs: 'blob' });
  return saveDownload(data, response, `attendance-${month}.${format}`);
}
