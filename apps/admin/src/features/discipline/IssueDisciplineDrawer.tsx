import { App, Button, Drawer, Form, Input, InputNumber, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCIPLINE_KINDS, yuan, type DisciplineKind } from '@sitedesk/domain';
import type { UserDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { useMe } from '../auth/me';
import { useCurrentSite } from '../shell/current-site';
import { useIssueDiscipline } from './queries';

interface IssueValues {
  userId: string;
  kind: DisciplineKind;
  ruleId: string;
  amountYuan: number;
  evidence: string;
}

/** A manager records an offence (or a bonus) seen on site against one person of the site (GEN-9). */
export function IssueDisciplineDrawer({ open, people, onClose }: { open: boolean; people: UserDto[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const issue = useIssueDiscipline();
  const formId = useId();
  const [form] = Form.useForm<IssueValues>();

  const close = () => {
    issue.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: IssueValues) =>
    issue.mutate(
      {
        body: {
          siteId: site.siteId,
          userId: values.userId,
          kind: values.kind,
          ruleId: values.ruleId.trim().toUpperCase(),
          amountFen: yuan(values.amountYuan),
          evidence: values.evidence.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('discipline.recorded'));
          close();
        },
        onError: (problem) => showFieldErrors(form, problem),
      },
    );

  return (
    <Drawer
      open={open}
      title={t('discipline.recordTitle')}
      size={480}
      onClose={close}
      extra={
        <Button type="primary" htmlType="submit" form={formId} loading={issue.isPending}>
          {t('common.submit')}
        </Button>
      }
    >
      <ProblemAlert problem={issue.error} />
      <Form<IssueValues> id={formId} form={form} layout="vertical" initialValues={{ kind: 'fine', amountYuan: 0 }} onFinish={submit}>
        <Form.Item name="userId" label={t('discipline.person')} rules={[{ required: true, message: t('discipline.personRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={people.filter((p) => p.id !== me.id).map((p) => ({ value: p.id, label: `${p.displayName} (${p.login})` }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('discipline.kind')} rules={[{ required: true }]}>
          <Select options={DISCIPLINE_KINDS.map((kind) => ({ value: kind, label: t(`discipline.kinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item
          name="ruleId"
          label={t('discipline.rule')}
          rules={[{ required: true, pattern: /^[A-Za-z]{2,4}-\d{1,3}$/, message: t('discipline.ruleInvalid') }]}
        >
          <Input placeholder={t('discipline.ruleHint')} maxLength={8} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('discipline.amountYuan')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1_000_000} precision={2} step={10} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="evidence" label={t('discipline.evidence')} rules={[{ required: true, whitespace: true, message: t('discipline.evidenceRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('discipline.evidencePlaceholder')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
