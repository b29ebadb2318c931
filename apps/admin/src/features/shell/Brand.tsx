import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The product's mark and name. */
export function Brand({ size = 'default' }: { size?: 'default' | 'large' }) {
  const { t } = useTranslation();
  const mark = size === 'large' ? 40 : 28;
  return (
    <Flex align="center" gap={10}>
      <img src="/favicon.svg" width={mark} height={mark} alt="" />
      <Flex vertical>
        <Typography.Text strong style={{ fontSize: size === 'large' ? 24 : 17, lineHeight: 1.2 }}>
          {t('app.name')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('app.tagline')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
