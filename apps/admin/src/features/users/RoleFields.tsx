import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me';
import { useCurrentSite } from '../shell/current-site';
import { grantableRoles, grantableSites, ORG_WIDE } from './roles';

interface FieldProps {
  value?: string;
  onChange?: (value: string) => void;
}

/** The site of a grant: the sites the signed-in user may grant on, and "all sites" for the admin. */
export function SiteSelect(props: FieldProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { access } = useCurrentSite();
  const sites = grantableSites(me, access).map((s) => ({ value: s.siteId, label: s.name }));
  const options = access.orgAdmin ? [{ value: ORG_WIDE, label: t('common.allSites') }, ...sites] : sites;
  return <Select {...props} aria-label={t('users.site')} options={options} placeholder={t('users.site')} style={{ minWidth: 200 }} />;
}

/** The role of a grant: the roles the signed-in user may grant. */
export function RoleSelect(props: FieldProps) {
  const { t } = useTranslation();
  const { access } = useCurrentSite();
  const options = grantableRoles(access).map((role) => ({ value: role, label: t(`roles.${role}`) }));
  return <Select {...props} aria-label={t('users.role')} options={options} placeholder={t('users.role')} style={{ minWidth: 160 }} showSearch={{ optionFilterProp: 'label' }} />;
}
