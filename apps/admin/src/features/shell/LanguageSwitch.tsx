import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../../i18n';
import { useUpdateMe } from '../auth/queries';

/** 中文 | English. `onChange` also saves the choice where it belongs (the profile, when signed in). */
export function LanguageSwitch({ onChange }: { onChange?: (language: Language) => void }) {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('language.label')}
      size="small"
      value={currentLanguage()}
      options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
      onChange={(language) => {
        void setLanguage(language);
        onChange?.(language);
      }}
    />
  );
}

/** The switch for a signed-in user: the choice is also saved in their profile (PATCH /me). */
export function UserLanguageSwitch() {
  const updateMe = useUpdateMe();
  return <LanguageSwitch onChange={(locale) => updateMe.mutate({ body: { locale } })} />;
}
