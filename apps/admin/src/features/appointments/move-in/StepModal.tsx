import { App, Form, Select, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveInAppointmentDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteToday } from '../../attendance/dates';
import { useStaffNames } from '../../attendance/queries';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { FormModal } from '../FormModal';
import { useAdvanceStep } from '../queries';
import type { MoveInStep } from './steps';

/** RES-8: the visit moves into its next step; who holds the papers from now on (default: me). */
export function StepModal({ appointment: a, step, onClose }: { appointment: MoveInAppointmentDto; step: MoveInStep; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const [form] = Form.useForm<{ holderId: string }>();
  const formId = useId();
  const advance = useAdvanceStep();
  const [problem, setProblem] = useState<Problem | null>(null);
  const stepName = t(`appointments.moveIn.steps.${step}`);
  const people = staff.people.some((p) => p.userId === me.id) ? staff.people : [{ userId: me.id, displayName: me.displayName }, ...staff.people];

  return (
    <FormModal
      title={t('appointments.stepModal.title', { name: a.ownerName, step: stepName })}
      formId={formId}
      pending={advance.isPending}
      problem={problem}
      onCancel={onClose}
      okText={t('appointments.stepModal.submit', { step: stepName })}
      hint={t(`appointments.stepModal.hints.${step}`)}
    >
      <Typography.Paragraph type="secondary">{t('appointments.stepModal.current', { unit: a.unitLabel, holder: a.papersHolderName ?? '—' })}</Typography.Paragraph>
      <Form
        id={formId}
        form={form}
        layout="vertical"
        initialValues={{ holderId: me.id }}
        onFinish={(v) => {
          setProblem(null);
          advance.mutate(
            { path: { id: a.id }, body: { step, ...(v.holderId !== me.id ? { holderId: v.holderId } : {}) } },
            {
              onSuccess: (next) => {
                void message.success(t('appointments.stepModal.moved', { name: next.ownerName, step: stepName, holder: next.papersHolderName ?? '' }));
                onClose();
              },
              onError: (p) => {
                setProblem(p);
                showFieldErrors(form, p);
              },
            },
          );
        }}
      >
        <Form.Item name="holderId" label={t('appointments.stepModal.holder')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={staff.isPending} options={people.map((p) => ({ value: p.userId, label: p.displayName }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
