import { Button, Result } from 'antd';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteRoleDto } from '../../api/generated';
import { formatInstant } from '../../shared/format';
import { useMe } from '../auth/me';
import { signOut } from '../auth/queries';
import { accessOn, type Access } from './access';

const SITE_KEY = 'sitedesk.siteId';

interface CurrentSite {
  site: SiteRoleDto;
  sites: SiteRoleDto[];
  access: Access;
  selectSite: (siteId: string) => void;
}

const CurrentSiteContext = createContext<CurrentSite | null>(null);

/** The site every page works on: the one chosen last on this browser, else the user's first. */
export function CurrentSiteProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [siteId, setSiteId] = useState(() => localStorage.getItem(SITE_KEY));
  const site = me.sites.find((s) => s.siteId === siteId) ?? me.sites[0];
  const selectSite = useCallback((id: string) => {
    localStorage.setItem(SITE_KEY, id);
    setSiteId(id);
  }, []);
  const value = useMemo(() => site && { site, sites: me.sites, access: accessOn(me, site), selectSite }, [me, site, selectSite]);

  if (!value) {
    return (
      <Result
        status="info"
        title={t('errors.noSitesTitle')}
        subTitle={t('errors.noSites')}
        extra={<Button onClick={() => void signOut()}>{t('auth.signOut')}</Button>}
      />
    );
  }
  return <CurrentSiteContext value={value}>{children}</CurrentSiteContext>;
}

export function useCurrentSite(): CurrentSite {
  const value = useContext(CurrentSiteContext);
  if (!value) throw new Error('useCurrentSite() outside CurrentSiteProvider');
  return value;
}

/** Instants as the wall clock of the current site, in the console's language (GEN-4). */
export function useSiteTime(): (iso: string | null | undefined) => string {
  const { site } = useCurrentSite();
  const { i18n } = useTranslation();
  return useCallback((iso) => formatInstant(iso, site.timeZone, i18n.language), [site.timeZone, i18n.language]);
}
