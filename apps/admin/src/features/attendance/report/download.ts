import { getMonthlyAttendanceReport } from '../../../api/generated';

/** The file name the API chose (`attachment; filename="…"`), if it said one. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/**
 * ATT-14 export: fetched through the generated client (with the sign-in and its renewal), then saved
 * under the name the API gave it.
 */
export async function downloadMonthlyReport(siteId: string, month: string, format: 'csv' | 'xlsx') {
  const { data, response } = await getMonthlyAttendanceReport({ query: { siteId, month, format }, parseAs: 'blob' });
  const blob = data as unknown as Blob;
  const name = filenameOf(response.headers.get('content-disposition')) ?? `attendance-${month}.${format}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
