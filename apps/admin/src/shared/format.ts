/** GEN-4: an instant shown as the wall-clock time of the site's time zone. */
export function formatInstant(iso: string | null | undefined, timeZone: string, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The first characters of an id, for a reference the reader can match. */
export const shortId = (id: string) => id.slice(0, 8);
