import { App, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { localDate } from '@sitedesk/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '../../../shared/forms';
import { useStaffNames } from '../../attendance/queries';
import { useCurrentSite } from '../../shell/current-site';
import { ClientsProblem } from '../problems';
import { useConsultants, useRegisterEmployeeReferral } from '../queries';
import { ruleWords } from '../rules';

interface ReferralForm {
  name: string;
  phone: string;
  referringEmployeeId: string;
  recommendedConsultantId: string;
  beforePriceNegotiation: boolean;
  referralForm: boolean;
}

/**
 * CA-8 at the desk: the customer names a referring employee. Before price negotiation the consultant that
 * employee recommends gets the customer and the receiving consultant keeps their turn; after, the receiver
 * keeps the deal.
 */
export function EmployeeReferralModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<ReferralForm>();
  const consultants = useConsultants(site.siteId);
  const staff = useStaffNames(site.siteId, localDate(new Date(), site.timeZone));
  const register = useRegisterEmployeeReferral();
  const close = () => {
    register.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('clients.employeeReferral.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: register.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('clients.employeeReferral.hint')}</Typography.Paragraph>
      <ClientsProblem problem={register.error} />
      <Form<ReferralForm>
        id={formId}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ beforePriceNegotiation: true, referralForm: false }}
        onFinish={(v) =>
          register.mutate(
            { body: { siteId: site.siteId, name: v.name.trim(), phone: v.phone.trim(), referringEmployeeId: v.referringEmployeeId, recommendedConsultantId: v.recommendedConsultantId, beforePriceNegotiation: v.beforePriceNegotiation, referralForm: v.referralForm } },
            {
              onSuccess: (o) => {
                void message.success(`${t('clients.employeeReferral.done')} ${o.ownerRuleIds.length ? `(${ruleWords(o.ownerRuleIds, t)})` : ''}`);
                close();
              },
              onError: (p) => showFieldErrors(form, p),
            },
          )
        }
      >
        <Form.Item name="name" label={t('clients.fields.name')} rules={[{ required: true, whitespace: true, message: t('clients.fields.nameRequired') }]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="phone" label={t('clients.fields.phone')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="referringEmployeeId" label={t('clients.employeeReferral.employee')} rules={[{ required: true, message: t('clients.employeeReferral.employeeRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={staff.isPending} options={staff.people.map((p) => ({ value: p.userId, label: p.displayName }))} />
        </Form.Item>
        <Form.Item name="recommendedConsultantId" label={t('clients.employeeReferral.recommended')} rules={[{ required: true, message: t('clients.employeeReferral.recommendedRequired') }]}>
          <Select options={(consultants.data ?? []).map((c) => ({ value: c.userId, label: c.displayName }))} />
        </Form.Item>
        <Form.Item name="beforePriceNegotiation" valuePropName="checked">
          <Checkbox>{t('clients.employeeReferral.before')}</Checkbox>
        </Form.Item>
        <Form.Item name="referralForm" valuePropName="checked">
          <Checkbox>{t('clients.employeeReferral.form')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
