import { ToolOutlined } from '@ant-design/icons';
import { Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../shared/ui/PageTitle';
import type { ModuleKey } from '../shell/navigation';

/** A business module still being built: what it will do, and no pretend data. */
export function UpcomingModulePage({ module }: { module: ModuleKey }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t(`nav.${module}`)} />
      <Card>
        <Result
          icon={<ToolOutlined style={{ color: '#8c8c8c' }} />}
          title={t('modules.building')}
          subTitle={
            <Typography.Paragraph style={{ maxWidth: 640, margin: '0 auto' }}>
              <Typography.Text strong>{t('modules.whatItWillDo')}</Typography.Text> {t(`modules.${module}`)}
            </Typography.Paragraph>
          }
        />
      </Card>
    </>
  );
}
