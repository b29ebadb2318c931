import { App, Button, Card, Descriptions, Form, InputNumber, Modal, Select, Space, Tag } from 'antd';
import { STAFF_ROLES, type Role } from '@sitedesk/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReservationPolicyBodyDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { ReservationProblem } from '../problems';
import { usePolicy, usePublishPolicy } from '../queries';

/** The site's reservation policy (versioned): the payment minutes (RES-4) and who approves what (RES-5, RES-6). The manager publishes a new version. */
export function ReservationPolicyPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const policy = usePolicy(site.siteId);
  const [editing, setEditing] = useState(false);
  const manages = site.roles.includes('manager');
  const p = policy.data?.policy;
  const role = (r: string) => t(`roles.${r as Role}`, { defaultValue: r });

  return (
    <Card
      title={policy.data ? t('reservation.policy.title', { version: policy.data.version }) : t('reservation.policy.titlePlain')}
      extra={
        manages &&
        p && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {t('reservation.policy.publish')}
          </Button>
        )
      }
    >
      {policy.isError ? (
        <LoadError problem={policy.error} onRetry={() => void policy.refetch()} />
      ) : !p ? (
        <Card loading variant="borderless" />
      ) : (
        <Descriptions bordered size="small" column={1} data-testid="reservation-policy">
          <Descriptions.Item label={t('reservation.policy.paymentMinutes')}>{t('reservation.policy.minutes', { count: p.paymentMinutes })}</Descriptions.Item>
          <Descriptions.Item label={t('reservation.policy.discountApproverRole')}>{role(p.discountApproverRole)}</Descriptions.Item>
          <Descriptions.Item label={t('reservation.policy.cancellationChain')}>
            <Space size={4} wrap>
              {p.cancellationChain.map((r, i) => (
                <Tag key={`${r}-${i}`}>
                  {i + 1}. {role(r)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('reservation.policy.wordingApproverRole')}>{role(p.wordingApproverRole)}</Descriptions.Item>
          <Descriptions.Item label={t('reservation.policy.since')}>{siteTime(policy.data?.createdAt)}</Descriptions.Item>
        </Descriptions>
      )}
      {editing && p && <PolicyModal current={p} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function PolicyModal({ current, onClose }: { current: ReservationPolicyBodyDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const [form] = Form.useForm<ReservationPolicyBodyDto>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const publish = usePublishPolicy();
  const roles = STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  const onFinish = async (policy: ReservationPolicyBodyDto) => {
    setProblem(null);
    try {
      const version = await publish.mutateAsync({ body: { siteId: site.siteId, policy } });
      message.success(t('reservation.policy.published', { version: version.version }));
      onClose();
    } catch (e) {
      setProblem(e as Problem);
      // The API names nested fields `policy.paymentMinutes`; the form's fields are the policy's own.
      showFieldErrors(form, { ...(e as Problem), errors: (e as Problem).errors?.map((x) => ({ ...x, field: x.field.replace(/^policy\./, '') })) });
    }
  };

  return (
    <Modal open title={t('reservation.policy.publishTitle')} okText={t('reservation.policy.publish')} okButtonProps={{ loading: publish.isPending }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <ReservationProblem problem={problem} />
      <Form<ReservationPolicyBodyDto> form={form} layout="vertical" initialValues={current} onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item name="paymentMinutes" label={t('reservation.policy.paymentMinutes')} extra={t('reservation.policy.paymentMinutesHint')} rules={[{ required: true, message: t('reservation.form.required') }]}>
          <InputNumber min={1} max={1440} precision={0} style={{ width: 160 }} suffix={t('reservation.policy.minuteUnit')} />
        </Form.Item>
        <Form.Item name="discountApproverRole" label={t('reservation.policy.discountApproverRole')} rules={[{ required: true }]}>
          <Select options={roles} />
        </Form.Item>
        <Form.Item name="cancellationChain" label={t('reservation.policy.cancellationChain')} extra={t('reservation.policy.cancellationChainHint')} rules={[{ required: true, type: 'array', min: 1, max: 4, message: t('reservation.policy.chainInvalid') }]}>
          <Select mode="multiple" options={roles} />
        </Form.Item>
        <Form.Item name="wordingApproverRole" label={t('reservation.policy.wordingApproverRole')} rules={[{ required: true }]}>
          <Select options={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
