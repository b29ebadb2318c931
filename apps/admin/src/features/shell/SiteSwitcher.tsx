import { EnvironmentOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from './current-site';

export function SiteSwitcher() {
  const { t } = useTranslation();
  const { site, sites, selectSite } = useCurrentSite();
  return (
    <Select
      aria-label={t('shell.switchSite')}
      prefix={<EnvironmentOutlined />}
      value={site.siteId}
      onChange={selectSite}
      options={sites.map((s) => ({ value: s.siteId, label: s.name }))}
      style={{ minWidth: 260 }}
      popupMatchSelectWidth={false}
    />
  );
}
