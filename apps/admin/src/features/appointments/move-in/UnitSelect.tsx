import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shell/current-site';
import { useUnitSearch } from '../queries';

/** A unit of the site, found by typing part of its number ("1201"). */
export function UnitSelect({ value, onChange, id, ...rest }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; 'aria-label'?: string }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [search, setSearch] = useState('');
  const units = useUnitSearch(site.siteId, search);
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch
      allowClear
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setSearch}
      loading={units.isFetching}
      placeholder={t('appointments.moveIn.unitPlaceholder')}
      notFoundContent={t('appointments.moveIn.noUnit')}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.building} ${u.number}` }))}
    />
  );
}
