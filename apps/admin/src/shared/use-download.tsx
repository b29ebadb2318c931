import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';

/**
 * A file the API writes (fetched with the sign-in, saved under the API's name by `save`): which one is
 * on its way (its button shows a spinner), a toast with the file's name when saved, the problem in
 * the module's words when refused.
 */
export function useDownload<K extends string>(save: (kind: K) => Promise<string>, describe: (problem: Problem) => string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<K | null>(null);
  const download = async (kind: K) => {
    setDownloading(kind);
    try {
      void message.success(t('common.downloaded', { name: await save(kind) }));
    } catch (problem) {
      void message.error(describe(problem as Problem));
    } finally {
      setDownloading(null);
    }
  };
  return { downloading, download };
}
