import { App, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RotationDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { ClientsProblem } from '../problems';
import { useConsultants, usePublishRotation } from '../queries';

/** The supervisor publishes the day's order (CA-10): consultants picked in the order they stand. */
export function PublishOrderModal({ open, current, onClose }: { open: boolean; current: RotationDto | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<{ order: string[] }>();
  const consultants = useConsultants(site.siteId);
  const publish = usePublishRotation();

  // Opening starts from today's line, else every consultant of the site.
  useEffect(() => {
    if (!open) return;
    const start = current?.published && current.line.length ? current.line.map((p) => p.consultantId) : (consultants.data ?? []).map((c) => c.userId);
    form.setFieldsValue({ order: start });
  }, [open, current, consultants.data, form]);

  return (
    <Modal
      open={open}
      title={t('clients.rotation.publishTitle')}
      okText={t('clients.rotation.publishOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: publish.isPending }}
      onCancel={() => {
        publish.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('clients.rotation.publishHint')}</Typography.Paragraph>
      <ClientsProblem problem={publish.error} />
      <Form
        id={formId}
        form={form}
        layout="vertical"
        onFinish={(v) =>
          publish.mutate(
            { body: { siteId: site.siteId, order: v.order } },
            {
              onSuccess: () => {
                void message.success(t('clients.rotation.published'));
                onClose();
              },
              onError: (problem) => showFieldErrors(form, problem),
            },
          )
        }
      >
        <Form.Item name="order" label={t('clients.rotation.order')} rules={[{ required: true, message: t('clients.rotation.orderRequired') }]}>
          <Select
            mode="multiple"
            loading={consultants.isPending}
            options={(consultants.data ?? []).map((c) => ({ value: c.userId, label: c.displayName }))}
            optionFilterProp="label"
            notFoundContent={t('clients.rotation.noConsultants')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
