import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../shell/current-site';
import { useConsultants } from './queries';

/** Money in fen as yuan (¥50.00). */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** A filter by consultant (supervisors and managers): empty means everyone. */
export function ConsultantFilter({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const consultants = useConsultants(site.siteId);
  return (
    <Select
      aria-label={t('clients.filters.consultant')}
      placeholder={t('clients.filters.allConsultants')}
      allowClear
      value={value}
      onChange={(v?: string) => onChange(v)}
      style={{ width: 180 }}
      loading={consultants.isPending}
      options={(consultants.data ?? []).map((c) => ({ value: c.userId, label: c.displayName }))}
    />
  );
}
