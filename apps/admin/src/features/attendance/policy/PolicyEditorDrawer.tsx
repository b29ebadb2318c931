import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Drawer, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { Role } from '@sitedesk/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyDto, PresetDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { useCurrentSite } from '../../shell/current-site';
import { siteToday, type PickedDate } from '../dates';
import { attendanceProblemText } from '../problems';
import { usePublishPolicy } from '../queries';
import { fieldOf, toFormValues, toPolicy, type PolicyFormValues } from './policy-form';

type DateValue = PickedDate | null;
type Values = PolicyFormValues & { effectiveFrom?: DateValue };

export interface PolicyBase {
  /** `v3` or a preset name: what the editor started from. */
  key: string;
  policy: PolicyDto;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const APPROVER_ROLES: readonly Role[] = ['supervisor', 'manager', 'director', 'admin', 'clerk'];

/** ATT-1..ATT-13 in one form: a new policy version from a date on, started from the current version or a preset. */
export function PolicyEditorDrawer({ open, bases, initial, presets, onClose }: { open: boolean; bases: PolicyBase[]; initial: string; presets: PresetDto[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const today = siteToday(site.timeZone);
  const [form] = Form.useForm<Values>();
  const [baseKey, setBaseKey] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const publish = usePublishPolicy();
  const all = [...bases, ...presets.map((p) => ({ key: p.name, policy: p.policy }))];
  const base = all.find((b) => b.key === baseKey) ?? all[0];
  const noticeKind = Form.useWatch(['leave', 'notice', 'kind'], form);
  const emergencyKind = Form.useWatch(['leave', 'emergency', 'kind'], form);
  const personal = Form.useWatch(['clockIn', 'personal'], form);

  useEffect(() => {
    if (!open) return;
    setBaseKey(initial);
    setProblem(null);
  }, [open, initial]);

  // A new starting point replaces the values (the date stays).
  const policyOfBase = base?.policy;
  useEffect(() => {
    if (open && policyOfBase) form.setFieldsValue(toFormValues(policyOfBase));
  }, [open, baseKey]); // not on every render: only a new starting point replaces what was typed

  const close = () => {
    publish.reset();
    setProblem(null);
    onClose();
  };

  const submit = (v: Values) => {
    if (!base || !v.effectiveFrom) return;
    setProblem(null);
    const { effectiveFrom, ...values } = v;
    publish.mutate(
      { body: { siteId: site.siteId, effectiveFrom: effectiveFrom.format('YYYY-MM-DD'), policy: toPolicy(values, base.policy) } },
      {
        onSuccess: (version) => {
          void message.success(t('attendance.policy.published', { version: version.version, date: version.effectiveFrom }));
          close();
        },
        onError: (p) => {
          setProblem(p);
          const placed = (p.errors ?? []).flatMap((e) => {
            const name = fieldOf(e.field);
            return name ? [{ name, errors: [e.message] }] : [];
          });
          if (placed.length) {
            form.setFields(placed as Parameters<typeof form.setFields>[0]);
            form.scrollToField(placed[0].name, { block: 'center' });
          }
        },
      },
    );
  };

  const minutes = (label: string, name: (string | number)[], max = 1440, extra?: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'integer', min: 0, max, message: t('attendance.policy.wholeMinutes', { max }) }]} extra={extra}>
      <InputNumber min={0} max={max} precision={0} suffix={t('attendance.units.min')} style={{ width: '100%' }} />
    </Form.Item>
  );
  const yuanField = (label: string, name: (string | number)[]) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'number', min: 0 }]}>
      <InputNumber min={0} max={100_000} precision={2} prefix="¥" style={{ width: '100%' }} />
    </Form.Item>
  );
  const optionalCount = (label: string, name: (string | number)[], suffix: string) => (
    <Form.Item name={name} label={label} extra={t('attendance.policy.emptyIsOff')}>
      <InputNumber min={0} max={10_000} precision={0} suffix={suffix} style={{ width: '100%' }} />
    </Form.Item>
  );
  const roleOptions = APPROVER_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const listErrors = problem?.errors?.filter((e) => !fieldOf(e.field)) ?? [];

  return (
    <Drawer
      open={open}
      title={t('attendance.policy.editorTitle')}
      size={920}
      onClose={close}
      destroyOnHidden
      extra={
        // Not a submit button: Enter in one of the many fields must not publish a policy.
        <Button type="primary" onClick={() => form.submit()} loading={publish.isPending}>
          {t('attendance.policy.publish')}
        </Button>
      }
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.errors?.length ? t('attendance.policy.invalid', { count: problem.errors.length }) : attendanceProblemText(problem, t)}
          description={
            listErrors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {listErrors.map((e) => (
                  <li key={e.field}>
                    <Typography.Text code>{e.field}</Typography.Text> {e.message}
                  </li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={base && toFormValues(base.policy)} onFinish={submit} onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })} scrollToFirstError={false}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('attendance.policy.startFrom')} extra={t('attendance.policy.startFromHint')}>
              <Select
                value={base?.key}
                onChange={setBaseKey}
                options={[
                  { label: t('attendance.policy.versionsGroup'), options: bases.map((b) => ({ value: b.key, label: `${b.key} · ${t(`attendance.presets.${b.policy.preset}`)}` })) },
                  { label: t('attendance.policy.presetsGroup'), options: presets.map((p) => ({ value: p.name, label: t(`attendance.presets.${p.name}`) })) },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="effectiveFrom" label={t('attendance.policy.effectiveFrom')} rules={[{ required: true, message: t('attendance.policy.effectiveFromRequired') }]} extra={t('attendance.policy.effectiveFromHint')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
            </Form.Item>
          </Col>
        </Row>

        <Card size="small" title={t('attendance.policy.sections.shifts')} style={{ marginBottom: 16 }}>
          <Form.Item name="sixDayWeek" label={t('attendance.policy.sixDayWeek')} valuePropName="checked" extra={t('attendance.policy.sixDayWeekHint')}>
            <Switch />
          </Form.Item>
          <Form.List name="shifts">
            {(fields, { add, remove }) => (
              <Flex vertical gap={12}>
                {fields.map((field) => (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    title={t('attendance.policy.shiftN', { n: field.name + 1 })}
                    extra={fields.length > 1 && <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('attendance.policy.removeShift')} onClick={() => remove(field.name)} />}
                  >
                    <Row gutter={12}>
                      <Col span={8}>
                        <Form.Item name={[field.name, 'code']} label={t('attendance.policy.shiftCode')} rules={[{ required: true, pattern: /^[a-z0-9-]{1,20}$/, message: t('attendance.policy.shiftCodeInvalid') }]}>
                          <Input placeholder="day" />
                        </Form.Item>
                      </Col>
                      <Col span={16}>
                        <Form.Item name={[field.name, 'name']} label={t('attendance.policy.shiftName')} rules={[{ required: true, whitespace: true }]}>
                          <Input placeholder="白班 08:30–17:30" />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Row gutter={12}>
                      <Col span={12}>
                        <SegmentList name={[field.name, 'segments']} label={t('attendance.policy.segments')} min={1} max={3} />
                      </Col>
                      <Col span={12}>
                        <SegmentList name={[field.name, 'breaks']} label={t('attendance.policy.breaks')} min={0} max={3} />
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', segments: [{ start: '09:00', end: '18:00' }], breaks: [] })}>
                  {t('attendance.policy.addShift')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('attendance.policy.sections.times')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={6}>{minutes(t('attendance.policy.lateGrace'), ['lateGraceMinutes'], 120)}</Col>
            <Col span={6}>{minutes(t('attendance.policy.earlyGrace'), ['earlyGraceMinutes'], 120)}</Col>
            <Col span={6}>{minutes(t('attendance.policy.handover'), ['handoverMinutes'], 120)}</Col>
            <Col span={6}>{minutes(t('attendance.policy.absenceThreshold'), ['absenceThresholdMinutes'], 1440)}</Col>
          </Row>
          <Form.Item name="endExtendedByEveningMeeting" label={t('attendance.policy.eveningMeeting')} valuePropName="checked" extra={t('attendance.policy.eveningMeetingHint')}>
            <Switch />
          </Form.Item>
        </Card>

        <Card size="small" title={t('attendance.policy.sections.leave')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name={['leave', 'notice', 'kind']} label={t('attendance.policy.notice')}>
                <Select options={(['hours_ahead', 'tiered', 'before_start'] as const).map((k) => ({ value: k, label: t(`attendance.policy.noticeKinds.${k}`) }))} />
              </Form.Item>
            </Col>
            {noticeKind === 'hours_ahead' && (
              <Col span={8}>
                <Form.Item name={['leave', 'notice', 'hours']} label={t('attendance.policy.noticeHours')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={720} precision={0} suffix="h" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            {noticeKind === 'tiered' && (
              <>
                <Col span={5}>
                  <Form.Item name={['leave', 'notice', 'shortNoticeDays']} label={t('attendance.policy.shortNoticeDays')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={['leave', 'notice', 'longFromDays']} label={t('attendance.policy.longFromDays')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['leave', 'notice', 'longNoticeDays']} label={t('attendance.policy.longNoticeDays')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name={['leave', 'emergency', 'kind']} label={t('attendance.policy.emergency')}>
                <Select options={(['notify_before', 'notify_within_minutes_of_start', 'file_after_return', 'none'] as const).map((k) => ({ value: k, label: t(`attendance.policy.emergencyKinds.${k}`) }))} />
              </Form.Item>
            </Col>
            {emergencyKind === 'notify_before' && (
              <Col span={8}>
                <Form.Item name={['leave', 'emergency', 'time']} label={t('attendance.policy.emergencyTime')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]}>
                  <Input placeholder="07:30" />
                </Form.Item>
              </Col>
            )}
            {emergencyKind === 'notify_within_minutes_of_start' && <Col span={8}>{minutes(t('attendance.policy.emergencyMinutes'), ['leave', 'emergency', 'minutes'], 720)}</Col>}
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name={['leave', 'approvers']} label={t('attendance.policy.leaveApprovers')} extra={t('attendance.policy.leaveApproversHint')} rules={[{ required: true, type: 'array', min: 1 }]}>
                <Select mode="multiple" options={roleOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="swapApprover" label={t('attendance.policy.swapApprover')}>
                <Select options={roleOptions} />
              </Form.Item>
            </Col>
          </Row>
          <Divider style={{ margin: '4px 0 16px' }} />
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name={['sick', 'reportBefore']} label={t('attendance.policy.sickReportBefore')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]}>
                <Input placeholder="07:30" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['sick', 'convertTo']} label={t('attendance.policy.sickConvertTo')} extra={t('attendance.policy.sickConvertHint')}>
                <Select options={(['personal', 'annual'] as const).map((k) => ({ value: k, label: t(`attendance.leaveTypes.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('attendance.policy.sections.money')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={6}>{yuanField(t('attendance.policy.lateFine'), ['fines', 'lateFen'])}</Col>
            <Col span={6}>{yuanField(t('attendance.policy.earlyFine'), ['fines', 'earlyFen'])}</Col>
            <Col span={6}>
              <Form.Item name={['fines', 'fromNthInMonth']} label={t('attendance.policy.fromNth')} rules={[{ required: true, type: 'integer', min: 1 }]}>
                <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['fines', 'absenceWarningSlip']} label={t('attendance.policy.absenceWarningSlip')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={6}>{yuanField(t('attendance.policy.leavingPostFine'), ['fines', 'leavingPostFen'])}</Col>
            <Col span={6}>{yuanField(t('attendance.policy.dozingFine'), ['fines', 'dozingFen'])}</Col>
            <Col span={6}>{yuanField(t('attendance.policy.fullAttendanceBonus'), ['fullAttendanceBonusFen'])}</Col>
            <Col span={6}>
              <Form.Item name="salesBonusPoolNoOvertime" label={t('attendance.policy.noOvertime')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">{t('attendance.policy.deductions', { kind: t(`attendance.policy.deductionKinds.${base?.policy.deductions.kind ?? 'none'}`) })}</Typography.Text>
        </Card>

        <Card size="small" title={t('attendance.policy.sections.flags')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={6}>{optionalCount(t('attendance.policy.flagAbsentDays'), ['flags', 'absentDaysAtLeast'], t('attendance.units.days'))}</Col>
            <Col span={6}>{optionalCount(t('attendance.policy.flagLeaveDays'), ['flags', 'leaveDaysAtLeast'], t('attendance.units.days'))}</Col>
            <Col span={6}>{optionalCount(t('attendance.policy.flagAbsences'), ['flags', 'absencesMoreThan'], t('attendance.units.times'))}</Col>
            <Col span={6}>{optionalCount(t('attendance.policy.flagLateMinutes'), ['flags', 'lateMinutesMoreThan'], t('attendance.units.min'))}</Col>
          </Row>
        </Card>

        <Card size="small" title={t('attendance.policy.sections.clockIn')}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name={['clockIn', 'personal']} label={t('attendance.policy.personalClockIn')}>
                <Select options={(['anywhere', 'networks', 'kiosk_only'] as const).map((k) => ({ value: k, label: t(`attendance.policy.personalKinds.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name={['clockIn', 'networks']} label={t('attendance.policy.networks')} extra={t('attendance.policy.networksHint')} rules={personal === 'networks' ? [{ required: true, type: 'array', min: 1, message: t('attendance.policy.networksRequired') }] : []}>
                <Select mode="tags" open={false} placeholder="10.1.0.0/16" tokenSeparators={[',', ' ']} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
    </Drawer>
  );
}

/** The segments (or breaks) of a shift: start and end, `HH:MM`; an end not after the start is the next day. */
function SegmentList({ name, label, min, max }: { name: (string | number)[]; label: string; min: number; max: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          <Typography.Text>{label}</Typography.Text>
          {fields.map((field) => (
            <Space key={field.key} align="baseline">
              <Form.Item name={[field.name, 'start']} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]} style={{ marginBottom: 8 }}>
                <Input placeholder="08:30" style={{ width: 90 }} aria-label={`${label} ${field.name + 1} ${t('attendance.policy.start')}`} />
              </Form.Item>
              <span>–</span>
              <Form.Item name={[field.name, 'end']} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]} style={{ marginBottom: 8 }}>
                <Input placeholder="17:30" style={{ width: 90 }} aria-label={`${label} ${field.name + 1} ${t('attendance.policy.end')}`} />
              </Form.Item>
              {fields.length > min && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('attendance.policy.removeSegment')} />}
            </Space>
          ))}
          {fields.length < max && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })} style={{ width: 'fit-content' }}>
              {t('attendance.policy.addSegment')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
