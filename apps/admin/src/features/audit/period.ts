import { zonedTime } from '@sitedesk/domain';

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Calendar days `first`..`last` of the site as the instants [from, to) the audit query takes (GEN-4). */
export const sitePeriod = (first: string, last: string, timeZone: string) => ({
  from: zonedTime(first, '00:00', timeZone).toISOString(),
  to: zonedTime(nextDay(last), '00:00', timeZone).toISOString(),
});
