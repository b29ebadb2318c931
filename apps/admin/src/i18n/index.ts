import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import type { ConfigProviderProps } from 'antd';
import { en } from './en/translation';
import { zhCN } from './zh-CN/translation';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'sitedesk.locale';

export const isLanguage = (value: unknown): value is Language => value === 'zh-CN' || value === 'en';

/** The language chosen last on this browser; zh-CN by default. */
const storedLanguage = (): Language => {
  const value = localStorage.getItem(STORAGE_KEY);
  return isLanguage(value) ? value : 'zh-CN';
};

export const ANTD_LOCALES: Record<Language, NonNullable<ConfigProviderProps['locale']>> = { 'zh-CN': zhCNAntd, en: enUS };

export function initI18n() {
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = i18n.language;
}

/** Switches the console's language and remembers it on this browser. */
export async function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'zh-CN');
