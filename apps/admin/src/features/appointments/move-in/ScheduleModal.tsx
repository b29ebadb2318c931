import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { daySlots, type LocalDate } from '@sitedesk/domain';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Table, Tabs, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteToday } from '../../attendance/dates';
import { useStaffNames } from '../../attendance/queries';
import { useCurrentSite } from '../../shell/current-site';
import { appointmentsProblemText, codeText } from '../problems';
import { useAppointmentPolicy, useImportSchedule, useSendSchedule } from '../queries';
import { UnitSelect } from './UnitSelect';

interface Entry {
  time?: string;
  unitId?: string;
  ownerName?: string;
  noticeNo?: string;
  leaderId?: string;
}
interface Report {
  date: LocalDate;
  created: number;
  errors: { where: string; field?: string; code: string; message: string }[];
}

const CSV_EXAMPLE = '时间,楼栋,房号,业主,通知书编号,组长\n09:30,1栋,101,张三,RZ-0001,supervisor';

/**
 * RES-7: the sales department sends tomorrow's schedule (入住时间预约安排表) a day ahead — entered line by
 * line or imported as CSV. Each refused line is reported (full slot, group leader full, unknown unit,
 * duplicate notice …); the good lines are written.
 */
export function ScheduleModal({ defaultDate, onDone, onClose }: { defaultDate: LocalDate; onDone: (date: LocalDate) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const today = siteToday(site.timeZone);
  const policy = useAppointmentPolicy(site.siteId);
  const staff = useStaffNames(site.siteId, today);
  const send = useSendSchedule();
  const importCsv = useImportSchedule();
  const [tab, setTab] = useState<'entries' | 'csv'>('entries');
  const [form] = Form.useForm<{ date: Dayjs; entries: Entry[]; csv: string }>();
  const formId = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const picked: Dayjs | undefined = Form.useWatch('date', form);
  const date = picked ? picked.format('YYYY-MM-DD') : defaultDate;
  const times = policy.data ? daySlots(date, policy.data.policy, site.timeZone).map((s) => s.time) : [];
  const pending = send.isPending || importCsv.isPending;

  const finish = (r: Report) => {
    setReport(r);
    if (r.created) {
      void message.success(t('appointments.schedule.created', { count: r.created }));
      onDone(r.date);
    }
  };
  const fail = (p: Problem) => {
    setProblem(p);
    showFieldErrors(form, p);
  };

  const submit = (v: { date: Dayjs; entries?: Entry[]; csv?: string }) => {
    setProblem(null);
    setReport(null);
    const day = v.date.format('YYYY-MM-DD');
    if (tab === 'csv') {
      importCsv.mutate(
        { body: { siteId: site.siteId, date: day, csv: v.csv ?? '' } },
        { onSuccess: (r) => finish({ date: day, created: r.created, errors: r.errors.map((e) => ({ where: t('appointments.schedule.line', { n: e.line }), field: e.field, code: e.code, message: e.message })) }), onError: fail },
      );
      return;
    }
    const entries = (v.entries ?? []).map((e) => ({ time: e.time ?? '', unitId: e.unitId ?? '', ownerName: (e.ownerName ?? '').trim(), noticeNo: (e.noticeNo ?? '').trim(), leaderId: e.leaderId ?? '' }));
    send.mutate(
      { body: { siteId: site.siteId, date: day, entries } },
      {
        onSuccess: (r) => {
          finish({ date: day, created: r.created, errors: r.errors.map((e) => ({ where: t('appointments.schedule.entry', { n: e.index + 1 }), code: e.code, message: e.message })) });
          // The written lines leave the form; the refused ones stay to be corrected.
          const refused = new Set(r.errors.map((e) => e.index));
          if (r.created) form.setFieldValue('entries', (v.entries ?? []).filter((_, i) => refused.has(i)).concat(refused.size ? [] : [{}]));
        },
        onError: fail,
      },
    );
  };

  const required = [{ required: true, whitespace: true, message: t('appointments.booking.required') }];
  // Only the open tab's fields are checked: the other tab's stay mounted but are not sent.
  const entryRules = tab === 'entries' ? required : [];
  return (
    <Modal
      open
      title={t('appointments.schedule.title')}
      width={980}
      onCancel={onClose}
      destroyOnHidden
      okText={tab === 'csv' ? t('appointments.schedule.import') : t('appointments.schedule.send')}
      cancelText={t('appointments.schedule.close')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: pending }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('appointments.schedule.hint', { slot: policy.data?.policy.moveInSlotCapacity ?? '…', leader: policy.data?.policy.moveInLeaderCapacity ?? '…' })} />
      {problem && <Alert type="error" showIcon role="alert" data-problem={problem.code} title={appointmentsProblemText(problem, t, i18n.language)} style={{ marginBottom: 16 }} />}
      {report && (
        <Alert
          data-testid="schedule-report"
          type={report.errors.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('appointments.schedule.report', { created: report.created, refused: report.errors.length })}
          description={
            report.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.where}-${e.field ?? ''}-${e.code}`}
                pagination={false}
                dataSource={report.errors}
                columns={[
                  { title: t('appointments.schedule.where'), dataIndex: 'where', width: 90 },
                  { title: t('appointments.schedule.field'), dataIndex: 'field', width: 90, render: (f?: string) => f ?? '—' },
                  { title: t('appointments.schedule.problem'), key: 'code', render: (_, e) => codeText(e.code, t, e.message) },
                  { title: t('appointments.schedule.detail'), dataIndex: 'message', render: (m: string) => <Typography.Text type="secondary">{m}</Typography.Text> },
                ]}
              />
            )
          }
        />
      )}
      <Form id={formId} form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs(defaultDate), entries: [{}], csv: '' }}>
        <Form.Item name="date" label={t('appointments.schedule.date')} rules={[{ required: true }]} extra={t('appointments.schedule.dateHint')}>
          <DatePicker allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') <= today} />
        </Form.Item>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'entries' | 'csv')}
          items={[
            {
              key: 'entries',
              label: t('appointments.schedule.byEntry'),
              children: (
                <Form.List name="entries">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => (
                        <Row key={field.key} gutter={8} align="top">
                          <Col span={3}>
                            <Form.Item name={[field.name, 'time']} label={i === 0 ? t('appointments.schedule.time') : undefined} rules={entryRules}>
                              <Select aria-label={t('appointments.schedule.timeOf', { n: i + 1 })} options={times.map((x) => ({ value: x, label: x }))} />
                            </Form.Item>
                          </Col>
                          <Col span={5}>
                            <Form.Item name={[field.name, 'unitId']} label={i === 0 ? t('appointments.schedule.unit') : undefined} rules={entryRules}>
                              <UnitSelect aria-label={t('appointments.schedule.unitOf', { n: i + 1 })} />
                            </Form.Item>
                          </Col>
                          <Col span={5}>
                            <Form.Item name={[field.name, 'ownerName']} label={i === 0 ? t('appointments.schedule.owner') : undefined} rules={entryRules}>
                              <Input aria-label={t('appointments.schedule.ownerOf', { n: i + 1 })} maxLength={50} />
                            </Form.Item>
                          </Col>
                          <Col span={5}>
                            <Form.Item name={[field.name, 'noticeNo']} label={i === 0 ? t('appointments.schedule.notice') : undefined} rules={entryRules}>
                              <Input aria-label={t('appointments.schedule.noticeOf', { n: i + 1 })} maxLength={40} />
                            </Form.Item>
                          </Col>
                          <Col span={5}>
                            <Form.Item name={[field.name, 'leaderId']} label={i === 0 ? t('appointments.schedule.leader') : undefined} rules={entryRules}>
                              <Select aria-label={t('appointments.schedule.leaderOf', { n: i + 1 })} showSearch optionFilterProp="label" loading={staff.isPending} options={staff.people.map((p) => ({ value: p.userId, label: p.displayName }))} />
                            </Form.Item>
                          </Col>
                          <Col span={1} style={{ paddingTop: i === 0 ? 30 : 4 }}>
                            {fields.length > 1 && <MinusCircleOutlined aria-label={t('appointments.schedule.removeEntry')} onClick={() => remove(field.name)} />}
                          </Col>
                        </Row>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                        {t('appointments.schedule.addEntry')}
                      </Button>
                    </>
                  )}
                </Form.List>
              ),
            },
            {
              key: 'csv',
              label: t('appointments.schedule.byCsv'),
              children: (
                <>
                  <Typography.Paragraph type="secondary">{t('appointments.schedule.csvHint')}</Typography.Paragraph>
                  <Upload
                    accept=".csv,text/csv,text/plain"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void file.text().then((text) => form.setFieldValue('csv', text.replace(/^\uFEFF/, '')));
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined />} style={{ marginBottom: 8 }}>
                      {t('appointments.schedule.chooseFile')}
                    </Button>
                  </Upload>
                  <Form.Item name="csv" label={t('appointments.schedule.csv')} rules={tab === 'csv' ? required : []}>
                    <Input.TextArea rows={8} placeholder={CSV_EXAMPLE} style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
