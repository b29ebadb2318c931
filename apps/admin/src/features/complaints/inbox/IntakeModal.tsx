import { Alert, Checkbox, Divider, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { slaTargetFor, type ComplaintPolicy } from '@sitedesk/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetailDto, CreateComplaintDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { CHANNELS, SEVERITIES, SUBJECT_TYPES } from '../labels';
import { complaintProblemText } from '../problems';
import { useComplaintCommand, useCreateComplaint, useUnitSearch } from '../queries';
import { formatMinutes } from '../sla';

interface Values {
  channel: CreateComplaintDto['channel'];
  complainantName: string;
  contact: string;
  content: string;
  subjectType: CreateComplaintDto['subjectType'];
  subjectRef?: string;
  importantCustomer?: boolean;
  severity: CreateComplaintDto['severity'];
  classifyNow?: boolean;
  kind?: 'complaint' | 'grumble';
  category?: string;
}

interface IntakeModalProps {
  open: boolean;
  policy: ComplaintPolicy | undefined;
  staff: { userId: string; displayName: string }[];
  onClose: () => void;
  onCreated: (c: ComplaintDetailDto) => void;
}

/**
 * CMP-1: the complaint log entry, registered at once — channel, complainant, contact, what it is about
 * (a unit of the site, a vehicle, a repair order, a staff member), the content, an important customer,
 * the severity known at intake (CMP-5). Whoever registers it owns it (GEN-10), except an online one.
 * Optionally classified at once (CMP-2: kind and category from the site's policy), as its owner.
 */
export function IntakeModal({ open, policy, staff, onClose, onCreated }: IntakeModalProps) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<Values>();
  const create = useCreateComplaint();
  const command = useComplaintCommand();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const channel = Form.useWatch('channel', form);
  const subjectType = Form.useWatch('subjectType', form);
  const severity = Form.useWatch('severity', form) ?? 'normal';
  const classifyNow = Form.useWatch('classifyNow', form);
  const kind = Form.useWatch('kind', form) ?? 'complaint';
  const category = Form.useWatch('category', form);
  const units = useUnitSearch(site.siteId, unitQuery, open && subjectType === 'unit');
  const target = policy ? slaTargetFor(policy, { kind: classifyNow ? kind : 'complaint', category: classifyNow ? (category ?? null) : null, severity }) : null;

  const close = () => {
    setProblem(null);
    form.resetFields();
    onClose();
  };

  const submit = async (v: Values) => {
    setProblem(null);
    try {
      let c = await create.mutateAsync({
        body: {
          siteId: site.siteId,
          channel: v.channel,
          complainantName: v.complainantName.trim(),
          contact: v.contact.trim(),
          content: v.content.trim(),
          subjectType: v.subjectType,
          subjectRef: v.subjectType === 'none' ? null : (v.subjectRef?.trim() ?? null),
          importantCustomer: !!v.importantCustomer,
          severity: v.severity,
        },
      });
      if (v.classifyNow && v.category && v.channel !== 'online') {
        try {
          c = await command.mutateAsync({ id: c.id, action: { type: 'triage', body: { classification: { kind: v.kind ?? 'complaint', validity: 'valid', category: v.category, severity: v.severity ?? 'normal' } } } });
        } catch {
          // Registered; the classification is done on the complaint's page (its refusal shows there).
        }
      }
      form.resetFields();
      onCreated(c);
    } catch (e) {
      const p = e as Problem;
      setProblem(p);
      showFieldErrors(form, p);
    }
  };

  return (
    <Modal
      open={open}
      title={t('complaints.intake.title')}
      okText={t('complaints.intake.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: create.isPending || command.isPending }}
      onCancel={close}
      width={720}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={complaintProblemText(problem, t)} style={{ marginBottom: 16 }} />}
      <Form<Values> id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ channel: 'phone', subjectType: 'none', severity: 'normal', importantCustomer: false, kind: 'complaint' }}>
        <Form.Item name="channel" label={t('complaints.field.channel')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={CHANNELS.map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))} />
        </Form.Item>
        {channel === 'online' && <Alert type="info" showIcon title={t('complaints.intake.onlineHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="complainantName" label={t('complaints.field.complainant')} rules={[{ required: true, whitespace: true, message: t('complaints.intake.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="contact" label={t('complaints.field.contact')} rules={[{ required: true, whitespace: true, message: t('complaints.intake.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="content" label={t('complaints.field.content')} rules={[{ required: true, whitespace: true, message: t('complaints.intake.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="subjectType" label={t('complaints.field.subject')}>
          <Select options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`complaints.subject.${s}`) }))} onChange={() => form.setFieldValue('subjectRef', undefined)} />
        </Form.Item>
        {subjectType === 'unit' && (
          <Form.Item name="subjectRef" label={t('complaints.field.unit')} rules={[{ required: true, message: t('complaints.intake.required') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setUnitQuery}
              loading={units.isFetching}
              notFoundContent={t('complaints.intake.noUnits')}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.building} · ${u.number}` }))}
            />
          </Form.Item>
        )}
        {subjectType === 'staff' && (
          <Form.Item name="subjectRef" label={t('complaints.field.staff')} rules={[{ required: true, message: t('complaints.intake.required') }]}>
            <Select showSearch optionFilterProp="label" options={staff.map((p) => ({ value: p.userId, label: p.displayName }))} />
          </Form.Item>
        )}
        {(subjectType === 'vehicle' || subjectType === 'repair_order') && (
          <Form.Item name="subjectRef" label={t(`complaints.subject.${subjectType}`)} extra={t('complaints.intake.freeRefHint')} rules={[{ required: true, whitespace: true, message: t('complaints.intake.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="importantCustomer" valuePropName="checked" extra={t('complaints.intake.importantHint')}>
          <Checkbox>{t('complaints.field.importantCustomer')}</Checkbox>
        </Form.Item>
        <Form.Item name="severity" label={t('complaints.field.severity')} extra={t('complaints.intake.severityHint')}>
          <Radio.Group optionType="button" options={SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))} />
        </Form.Item>
        <Divider style={{ margin: '8px 0 16px' }} />
        <Form.Item name="classifyNow" valuePropName="checked" extra={channel === 'online' ? t('complaints.intake.classifyOnlineHint') : t('complaints.intake.classifyHint')}>
          <Checkbox disabled={channel === 'online'}>{t('complaints.intake.classifyNow')}</Checkbox>
        </Form.Item>
        {classifyNow && channel !== 'online' && (
          <>
            <Form.Item name="kind" label={t('complaints.field.kind')}>
              <Radio.Group optionType="button" options={(['complaint', 'grumble'] as const).map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="category" label={t('complaints.field.category')} rules={[{ required: true, message: t('complaints.intake.required') }]}>
              <Select options={(policy?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
          </>
        )}
        {target && (
          <div data-testid="intake-sla">
            <Typography.Paragraph type="secondary">
              {t('complaints.intake.slaTarget', {
                first: formatMinutes(target.firstResponseMinutes, t),
                resolution: target.resolutionMinutes == null ? t('complaints.intake.noResolutionTarget') : formatMinutes(target.resolutionMinutes, t),
              })}
            </Typography.Paragraph>
          </div>
        )}
      </Form>
    </Modal>
  );
}
