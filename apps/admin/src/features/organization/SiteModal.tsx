import { Form, Input, Modal, Select } from 'antd';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateSiteDto, SiteDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { useCreateSite, useUpdateSite } from './queries';

interface SiteModalProps {
  /** The site to rename or move to another time zone; a new site when null. */
  site: SiteDto | null;
  open: boolean;
  onDone: (site: SiteDto) => void;
  onCancel: () => void;
}

/** Opens a site (code, name, kind, time zone), or renames one and changes its time zone; the code and kind stay. */
export function SiteModal({ site, open, onDone, onCancel }: SiteModalProps) {
  const { t } = useTranslation();
  const create = useCreateSite();
  const update = useUpdateSite();
  const formId = useId();
  const [form] = Form.useForm<CreateSiteDto>();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z })), []);
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const reset = () => {
    create.reset();
    update.reset();
  };
  const finish = (body: CreateSiteDto) => {
    const callbacks = {
      onSuccess: (saved: SiteDto) => {
        reset();
        onDone(saved);
      },
      onError: (problem: Parameters<typeof showFieldErrors>[1]) => showFieldErrors(form, problem),
    };
    if (site) update.mutate({ path: { id: site.id }, body: { name: body.name.trim(), timeZone: body.timeZone } }, callbacks);
    else create.mutate({ body: { ...body, code: body.code.trim(), name: body.name.trim() } }, callbacks);
  };
  return (
    <Modal
      open={open}
      title={site ? t('organization.editSiteTitle', { code: site.code }) : t('organization.createSiteTitle')}
      okText={site ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: pending }}
      onCancel={() => {
        reset();
        onCancel();
      }}
      destroyOnHidden
    >
      <ProblemAlert problem={error} />
      <Form<CreateSiteDto>
        id={formId}
        form={form}
        layout="vertical"
        initialValues={site ? { code: site.code, name: site.name, kind: site.kind, timeZone: site.timeZone } : { kind: 'sales_office', timeZone: 'Asia/Shanghai' }}
        onFinish={finish}
      >
        <Form.Item
          name="code"
          label={t('organization.code')}
          extra={site ? undefined : t('organization.codeHint')}
          rules={[{ required: true, pattern: /^[a-z0-9-]{2,40}$/, message: t('organization.codeRule') }]}
        >
          <Input disabled={!!site} maxLength={40} placeholder="riverside-sales" />
        </Form.Item>
        <Form.Item name="name" label={t('organization.name')} rules={[{ required: true, whitespace: true, message: t('organization.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('organization.kind')}>
          <Select
            disabled={!!site}
            options={(['sales_office', 'service_centre'] as const).map((kind) => ({ value: kind, label: t(`siteKinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="timeZone" label={t('organization.timeZone')} extra={t('organization.timeZoneHint')}>
          <Select showSearch options={zones} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
