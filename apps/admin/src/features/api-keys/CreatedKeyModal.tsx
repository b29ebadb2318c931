import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKeyDto } from '../../api/generated';

/** The new key, shown this once: only its hash is stored. */
export function CreatedKeyModal({ created, onClose }: { created: CreatedApiKeyDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={created !== null}
      title={t('apiKeys.createdTitle')}
      closable={false}
      mask={{ closable: false }}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiKeys.done')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('apiKeys.shownOnce')} style={{ marginBottom: 16 }} />
      {created && (
        <>
          <Typography.Text type="secondary">{created.name}</Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: created.key, tooltips: [t('apiKeys.copy'), t('apiKeys.copied')] }}
            style={{ wordBreak: 'break-all', marginTop: 8 }}
            data-testid="created-api-key"
          >
            {created.key}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
