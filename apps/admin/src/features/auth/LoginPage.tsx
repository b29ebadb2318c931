import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import type { LoginDto } from '../../api/generated';
import type { Problem } from '../../api/problem';
import { useSessionStatus } from '../../api/session';
import { problemText } from '../../shared/problem-text';
import { Brand } from '../shell/Brand';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useLogin } from './queries';

export function LoginPage() {
  const { t } = useTranslation();
  const status = useSessionStatus();
  const location = useLocation();
  const login = useLogin();
  // The last failure stays in view while the next attempt runs: the form does not jump.
  const [problem, setProblem] = useState<Problem | null>(null);

  if (status === 'signed-in') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const failure = problem && (problem.status === 429 ? t('auth.tooManyAttempts') : problemText(problem, t));

  return (
    <Flex vertical align="center" justify="center" gap={24} style={{ minHeight: '100vh', padding: 24, background: 'linear-gradient(160deg, #f0f5ff 0%, #f5f5f5 60%)' }}>
      <Brand size="large" />
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('auth.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {status === 'expired' && !failure && <Alert type="warning" showIcon title={t('auth.expired')} style={{ marginBottom: 16 }} />}
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
        <Form<LoginDto> layout="vertical" requiredMark={false} onFinish={(body) => login.mutate({ body }, { onError: setProblem })} disabled={login.isPending}>
          <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="name@company.com" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <LanguageSwitch />
    </Flex>
  );
}
