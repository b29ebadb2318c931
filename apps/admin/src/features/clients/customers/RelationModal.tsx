import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { ClientsProblem } from '../problems';
import { useRegisterRelation } from '../queries';
import { ruleWords } from '../rules';

const GRADES = ['A', 'B', 'C', 'D'] as const;

interface RelationForm {
  name: string;
  phone: string;
  relationship: 'family' | 'friend';
  grade?: (typeof GRADES)[number];
}

/** CA-4: a consultant registers a relative or friend beforehand; theirs when nobody owns them yet. */
export function RelationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<RelationForm>();
  const register = useRegisterRelation();
  const close = () => {
    register.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('clients.relation.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: register.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('clients.relation.hint')}</Typography.Paragraph>
      <ClientsProblem problem={register.error} />
      <Form<RelationForm>
        id={formId}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ relationship: 'family' }}
        onFinish={(v) =>
          register.mutate(
            { body: { siteId: site.siteId, name: v.name.trim(), phone: v.phone.trim(), relationship: v.relationship, ...(v.grade ? { grade: v.grade } : {}) } },
            {
              onSuccess: (o) => {
                void message.success(o.ownerRuleIds.length ? `${t('clients.relation.done')} (${ruleWords(o.ownerRuleIds, t)})` : t('clients.relation.done'));
                close();
              },
              onError: (p) => showFieldErrors(form, p),
            },
          )
        }
      >
        <Form.Item name="relationship" label={t('clients.relation.relationship')}>
          <Radio.Group
            options={[
              { value: 'family', label: t('clients.relation.family') },
              { value: 'friend', label: t('clients.relation.friend') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('clients.fields.name')} rules={[{ required: true, whitespace: true, message: t('clients.fields.nameRequired') }]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="phone" label={t('clients.fields.phone')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="grade" label={t('clients.fields.grade')}>
          <Select allowClear options={GRADES.map((g) => ({ value: g, label: t(`clients.grades.${g}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
