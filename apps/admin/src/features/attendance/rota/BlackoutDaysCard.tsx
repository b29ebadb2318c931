import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { addDays } from '@sitedesk/domain';
import { useTranslation } from 'react-i18next';
import type { BlackoutDayDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite } from '../../shell/current-site';
import { attendanceAccess } from '../access';
import { formatDay, monthBounds, monthOf, siteToday, type PickedDate } from '../dates';
import { attendanceProblemText } from '../problems';
import { useBlackoutDays, useCreateBlackoutDay, useRemoveBlackoutDay } from '../queries';

type Kind = BlackoutDayDto['kind'];
const KINDS: readonly Kind[] = ['holiday', 'opening', 'advertising', 'mortgage'];
export const BLACKOUT_COLOR: Record<Kind, string> = { holiday: 'red', opening: 'volcano', advertising: 'orange', mortgage: 'gold' };

interface BlackoutValues {
  date: PickedDate | null;
  kind: Kind;
  name: string;
}

/** ATT-3: holidays, opening, advertising and mortgage days — everybody works, leave is refused. */
export function BlackoutDaysCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const canEdit = attendanceAccess(site).keepsRota;
  const today = siteToday(site.timeZone);
  const from = monthBounds(monthOf(today)).from;
  const to = addDays(from, 400);
  const days = useBlackoutDays(site.siteId, from, to);
  const create = useCreateBlackoutDay();
  const remove = useRemoveBlackoutDay();
  const [form] = Form.useForm<BlackoutValues>();

  const columns: TableColumnsType<BlackoutDayDto> = [
    { title: t('attendance.blackout.date'), dataIndex: 'date', width: 180, render: (date: string) => formatDay(date, i18n.language) + ` (${date.slice(0, 4)})` },
    { title: t('attendance.blackout.kind'), dataIndex: 'kind', width: 140, render: (kind: Kind) => <Tag color={BLACKOUT_COLOR[kind]}>{t(`attendance.blackout.kinds.${kind}`)}</Tag> },
    { title: t('attendance.blackout.name'), dataIndex: 'name' },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, b: BlackoutDayDto) => (
              <Popconfirm
                title={t('attendance.blackout.removeConfirm')}
                okText={t('attendance.blackout.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate({ path: { id: b.id } }, { onSuccess: () => void message.success(t('attendance.blackout.removed')), onError: (p) => void message.error(attendanceProblemText(p, t)) })
                }
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('attendance.blackout.remove')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('attendance.blackout.title')} extra={<Typography.Text type="secondary">{t('attendance.blackout.hint')}</Typography.Text>}>
      {canEdit && (
        <Form<BlackoutValues>
          form={form}
          layout="inline"
          initialValues={{ kind: 'holiday' }}
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(v) =>
            v.date &&
            create.mutate(
              { body: { siteId: site.siteId, date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim() } },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t('attendance.blackout.added'));
                },
                onError: (p) => {
                  showFieldErrors(form, p);
                  void message.error(attendanceProblemText(p, t));
                },
              },
            )
          }
        >
          <Form.Item name="date" label={t('attendance.blackout.date')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t('attendance.blackout.kind')}>
            <Select style={{ width: 140 }} options={KINDS.map((k) => ({ value: k, label: t(`attendance.blackout.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('attendance.blackout.name')} rules={[{ required: true, whitespace: true, message: t('attendance.blackout.nameRequired') }]}>
            <Input maxLength={60} placeholder={t('attendance.blackout.namePlaceholder')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
              {t('attendance.blackout.add')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {days.isError ? (
        <LoadError problem={days.error} onRetry={() => void days.refetch()} />
      ) : (
        <Table<BlackoutDayDto> rowKey="id" size="small" columns={columns} dataSource={days.data} loading={days.isFetching} pagination={{ pageSize: 8, hideOnSinglePage: true }} locale={{ emptyText: t('attendance.blackout.empty') }} />
      )}
    </Card>
  );
}
