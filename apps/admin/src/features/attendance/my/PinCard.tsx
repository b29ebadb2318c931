import { KeyOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shell/current-site';
import { attendanceProblemText } from '../problems';
import { useSetPin } from '../queries';

/** The PIN for the site's kiosk (打卡机): set or changed here, never shown again. */
export function PinCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const setPin = useSetPin();
  const [form] = Form.useForm<{ pin: string }>();
  return (
    <Card title={t('attendance.pin.title')}>
      <Typography.Paragraph type="secondary">{t('attendance.pin.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ pin }) =>
          setPin.mutate(
            { body: { siteId: site.siteId, pin } },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('attendance.pin.saved'));
              },
              onError: (problem) => void message.error(attendanceProblemText(problem, t)),
            },
          )
        }
      >
        <Form.Item label={t('attendance.pin.label')} htmlFor="attendance-pin" style={{ marginBottom: 0 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="pin" noStyle rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('attendance.pin.invalid') }]}>
              <Input.Password id="attendance-pin" prefix={<KeyOutlined />} inputMode="numeric" maxLength={8} autoComplete="new-password" placeholder="••••" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={setPin.isPending}>
              {t('common.save')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Card>
  );
}
