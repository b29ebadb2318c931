import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';

/**
 * A file the API writes (fetched with the sign-in, saved under the API's name by `save`): which one is
 * on its way (its button shows a spinner), a toast with the file's name when saved, the problem in
 * the module's words when refused. `button(kind, label)` is the button for one kind (an Excel icon for
 * the `…xlsx` kinds).
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
  const button = (kind: K, label: string) => (
    <Button icon={kind.endsWith('xlsx') ? <FileExcelOutlined /> : <DownloadOutlined />} loading={downloading === kind} onClick={() => void download(kind)}>
      {label}
    </Button>
  );
  return { downloading, download, button };
}
