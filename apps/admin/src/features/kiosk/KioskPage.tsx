import { CheckCircleFilled, CloseCircleFilled, DisconnectOutlined, LoginOutlined, LogoutOutlined, SearchOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Avatar, Button, Card, Empty, Flex, Form, Input, Layout, Result, Spin, Typography, theme } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { wallClock } from '@sitedesk/domain';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskClock, kioskInfo, type KioskInfoDto, type KioskStaffDto, type PunchDto } from '../../api/generated';
import { kioskInfoQueryKey } from '../../api/generated/@tanstack/react-query.gen';
import { isProblem, type Problem } from '../../api/problem';
import { Brand } from '../shell/Brand';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { standingText } from '../attendance/standing';
import { useNow } from '../attendance/use-now';
import { kioskClient, kioskHeaders, kioskToken } from './kiosk-client';
import { PinPad } from './PinPad';

const RESET_AFTER_MS = 5000;
const pad = (n: number) => String(n).padStart(2, '0');
const clockOf = (iso: string, timeZone: string) => {
  const w = wallClock(new Date(iso), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
};

/**
 * The shared clock-in device (打卡机) at /kiosk, outside the signed-in console: set up once with the
 * device token, then anyone with a PIN clocks in or out at server time.
 */
export function KioskPage() {
  const [token, setToken] = useState(kioskToken.get);
  if (!token) {
    return (
      <TokenSetup
        onConnected={(value) => {
          kioskToken.set(value);
          setToken(value);
        }}
      />
    );
  }
  return (
    <Terminal
      token={token}
      onForget={() => {
        kioskToken.clear();
        setToken(null);
      }}
    />
  );
}

function KioskFrame({ children, title, extra }: { children: ReactNode; title?: ReactNode; extra?: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 55%)' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24, background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <Brand />
        <Flex flex={1} align="center" gap={12}>
          {title}
        </Flex>
        {extra}
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}

function TokenSetup({ onConnected }: { onConnected: (token: string) => void }) {
  const { t } = useTranslation();
  const connect = useMutation<KioskInfoDto, Problem, string>({
    mutationFn: async (token) => (await kioskInfo({ client: kioskClient, headers: kioskHeaders(token) })).data,
  });
  return (
    <KioskFrame title={<Typography.Text strong>{t('kiosk.title')}</Typography.Text>}>
      <Flex justify="center" style={{ paddingTop: 48 }}>
        <Card style={{ width: 460, maxWidth: '100%' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('kiosk.setupTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('kiosk.setupHint')}</Typography.Paragraph>
          {connect.error && <Alert type="error" showIcon title={connect.error.status === 401 ? t('kiosk.tokenRefused') : connect.error.detail} style={{ marginBottom: 16 }} />}
          <Form<{ token: string }> layout="vertical" requiredMark={false} onFinish={({ token }) => connect.mutate(token.trim(), { onSuccess: () => onConnected(token.trim()) })}>
            <Form.Item name="token" label={t('kiosk.token')} rules={[{ required: true, whitespace: true, message: t('kiosk.tokenRequired') }]}>
              <Input.Password autoFocus autoComplete="off" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={connect.isPending}>
              {t('kiosk.connect')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </KioskFrame>
  );
}

type Outcome = { ok: true; kind: 'in' | 'out'; name: string; time: string; repeated: boolean; standing: PunchDto['standing'] } | { ok: false; name: string; problem: Problem };

function Terminal({ token, onForget }: { token: string; onForget: () => void }) {
  const { t, i18n } = useTranslation();
  const { token: design } = theme.useToken();
  const headers = kioskHeaders(token);
  const info = useQuery<KioskInfoDto, Problem>({
    queryKey: kioskInfoQueryKey({ client: kioskClient, headers }),
    queryFn: async ({ signal }) => (await kioskInfo({ client: kioskClient, headers, signal })).data,
    refetchInterval: 5 * 60_000,
    refetchOnWindowFocus: true,
    retry: (failures, error) => failures < 2 && !(isProblem(error) && error.status === 401),
  });
  const [search, setSearch] = useState('');
  const [person, setPerson] = useState<KioskStaffDto | null>(null);
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const now = useNow();

  const reset = useCallback(() => {
    setPerson(null);
    setPin('');
    setSearch('');
    setOutcome(null);
  }, []);

  const retry = () => {
    setOutcome(null);
    setPin('');
  };

  const clock = useMutation<{ punch: PunchDto; repeated: boolean }, Problem, { kind: 'in' | 'out' }>({
    mutationFn: async ({ kind }) => {
      const { data, response } = await kioskClock({ client: kioskClient, headers, body: { userId: person!.userId, pin, kind } });
      return { punch: data, repeated: response.status === 200 };
    },
  });

  // A result stays on screen for a few seconds, then the device is ready for the next person.
  useEffect(() => {
    if (!outcome) return;
    const timer = window.setTimeout(() => {
      if (outcome.ok) reset();
      else retry();
    }, RESET_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [outcome, reset]);

  // The keyboard works as well as the pad.
  useEffect(() => {
    if (!person || outcome) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement | null)?.tagName === 'INPUT') return;
      if (/^\d$/.test(e.key)) setPin((p) => (p.length < 8 ? p + e.key : p));
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else if (e.key === 'Escape') reset();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [person, outcome, reset]);

  const punch = (kind: 'in' | 'out') => {
    if (!person) return;
    clock.mutate(
      { kind },
      {
        onSuccess: ({ punch: p, repeated }) => setOutcome({ ok: true, kind, name: person.displayName, time: clockOf(p.at, info.data?.timeZone ?? 'Asia/Shanghai'), repeated, standing: p.standing }),
        onError: (problem) => {
          // The device itself refused (revoked meanwhile): back to the device check, which says so.
          if (problem.status === 401 && problem.code !== 'WRONG_PIN') void info.refetch();
          setOutcome({ ok: false, name: person.displayName, problem });
        },
      },
    );
  };

  const staff = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (info.data?.staff ?? []).filter((s) => !q || s.displayName.toLowerCase().includes(q));
  }, [info.data, search]);

  if (info.isPending) {
    return (
      <KioskFrame>
        <Flex justify="center" style={{ paddingTop: 120 }}>
          <Spin size="large" />
        </Flex>
      </KioskFrame>
    );
  }
  if (info.isError) {
    const revoked = info.error.status === 401;
    return (
      <KioskFrame>
        <Result
          status={revoked ? 'warning' : 'error'}
          icon={revoked ? <DisconnectOutlined /> : undefined}
          title={revoked ? t('kiosk.deviceRefused') : t('errors.loadFailed')}
          subTitle={revoked ? t('kiosk.deviceRefusedHint') : info.error.detail}
          extra={[
            <Button key="retry" onClick={() => void info.refetch()}>
              {t('common.retry')}
            </Button>,
            <Button key="forget" type="primary" onClick={onForget}>
              {t('kiosk.enterNewToken')}
            </Button>,
          ]}
        />
      </KioskFrame>
    );
  }

  const site: KioskInfoDto = info.data;
  const wall = wallClock(now, site.timeZone);
  const day = new Intl.DateTimeFormat(i18n.language, { timeZone: site.timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(now);

  return (
    <KioskFrame
      title={
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {site.siteName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {site.deviceName}
          </Typography.Text>
        </Flex>
      }
    >
      <Flex gap={24} wrap align="flex-start" style={{ maxWidth: 1280, margin: '0 auto' }}>
        <Card style={{ flex: '1 1 520px', minWidth: 0 }}>
          <Flex vertical align="center" style={{ marginBottom: 16 }}>
            <Typography.Text style={{ fontSize: 72, fontWeight: 600, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }} aria-label={t('kiosk.time')}>
              {pad(wall.hour)}:{pad(wall.minute)}
              <Typography.Text type="secondary" style={{ fontSize: 32 }}>
                :{pad(wall.second)}
              </Typography.Text>
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 16 }}>
              {day}
            </Typography.Text>
          </Flex>
          <Input
            size="large"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('kiosk.search')}
            aria-label={t('kiosk.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ marginBottom: 16 }}
          />
          {staff.length === 0 ? (
            <Empty description={site.staff.length ? t('kiosk.noMatch') : t('kiosk.noStaff')} />
          ) : (
            <div role="list" aria-label={t('kiosk.staff')} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 10, maxHeight: 460, overflowY: 'auto' }}>
              {staff.map((s) => {
                const selected = person?.userId === s.userId;
                return (
                  <Button
                    key={s.userId}
                    role="listitem"
                    size="large"
                    type={selected ? 'primary' : 'default'}
                    onClick={() => {
                      setPerson(s);
                      setPin('');
                      setOutcome(null);
                    }}
                    style={{ height: 64, justifyContent: 'flex-start' }}
                  >
                    <Avatar style={{ backgroundColor: selected ? '#fff' : design.colorPrimary, color: selected ? design.colorPrimary : '#fff' }}>{s.displayName.slice(0, 1)}</Avatar>
                    {s.displayName}
                  </Button>
                );
              })}
            </div>
          )}
        </Card>
        <Card style={{ flex: '0 1 400px', minWidth: 320 }}>
          {outcome ? (
            <OutcomeView outcome={outcome} onDone={outcome.ok ? reset : retry} />
          ) : !person ? (
            <Result icon={<LoginOutlined style={{ color: design.colorTextQuaternary }} />} title={t('kiosk.pickYourself')} subTitle={t('kiosk.pickHint')} />
          ) : (
            <Flex vertical gap={16}>
              <Flex align="center" gap={12}>
                <Avatar size={48} style={{ backgroundColor: design.colorPrimary }}>
                  {person.displayName.slice(0, 1)}
                </Avatar>
                <Flex vertical>
                  <Typography.Text strong style={{ fontSize: 20 }}>
                    {person.displayName}
                  </Typography.Text>
                  <Typography.Link onClick={reset}>{t('kiosk.notMe')}</Typography.Link>
                </Flex>
              </Flex>
              <div aria-label={t('kiosk.pin')} data-testid="kiosk-pin" style={{ height: 48, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 12, border: `1px solid ${design.colorBorder}`, borderRadius: design.borderRadiusLG, background: design.colorFillQuaternary }}>
                {pin.length === 0 ? (
                  <Typography.Text type="secondary">{t('kiosk.enterPin')}</Typography.Text>
                ) : (
                  Array.from(pin).map((_, i) => <span key={i} style={{ width: 14, height: 14, borderRadius: '50%', background: design.colorText, display: 'inline-block' }} />)
                )}
              </div>
              <PinPad value={pin} onChange={setPin} disabled={clock.isPending} />
              <Flex gap={12}>
                <Button type="primary" size="large" icon={<LoginOutlined />} disabled={pin.length < 4} loading={clock.isPending && clock.variables?.kind === 'in'} onClick={() => punch('in')} style={{ flex: 1, height: 60, fontSize: 18 }}>
                  {t('kiosk.clockIn')}
                </Button>
                <Button size="large" icon={<LogoutOutlined />} disabled={pin.length < 4} loading={clock.isPending && clock.variables?.kind === 'out'} onClick={() => punch('out')} style={{ flex: 1, height: 60, fontSize: 18 }}>
                  {t('kiosk.clockOut')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Card>
      </Flex>
    </KioskFrame>
  );
}

function OutcomeView({ outcome, onDone }: { outcome: Outcome; onDone: () => void }) {
  const { t } = useTranslation();
  if (outcome.ok) {
    const title = outcome.kind === 'out' ? t('kiosk.clockedOut', { time: outcome.time }) : outcome.repeated ? t('kiosk.alreadyIn', { time: outcome.time }) : t('kiosk.clockedIn', { time: outcome.time });
    return (
      <div role="status" aria-live="assertive">
        <Result
          icon={<CheckCircleFilled style={{ color: '#52c41a', fontSize: 96 }} />}
          title={<span style={{ fontSize: 28 }}>{outcome.name}</span>}
          subTitle={
            <Flex vertical gap={4} align="center">
              <span style={{ fontSize: 22 }}>{title}</span>
              {outcome.standing && (
                <span data-testid="punch-standing" data-status={outcome.standing.status} style={{ fontSize: 18, color: outcome.standing.status === 'on_time' ? '#389e0d' : '#d46b08' }}>
                  {standingText(outcome.kind, outcome.standing, t)}
                </span>
              )}
            </Flex>
          }
          extra={<Button onClick={onDone}>{t('kiosk.done')}</Button>}
        />
      </div>
    );
  }
  const { problem } = outcome;
  const text =
    problem.code === 'WRONG_PIN'
      ? t('kiosk.wrongPin')
      : problem.status === 429
        ? t('kiosk.tooMany')
        : problem.code === 'NO_SHIFT_NOW'
          ? t('attendance.problems.NO_SHIFT_NOW')
          : problem.code === 'NOT_CLOCKED_IN'
            ? t('attendance.problems.NOT_CLOCKED_IN')
            : problem.status === 0
              ? t('errors.network')
              : problem.detail;
  const blocked = problem.status === 429;
  return (
    <div role="alert">
      <Result
        icon={blocked ? <WarningFilled style={{ color: '#faad14', fontSize: 96 }} /> : <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 96 }} />}
        title={<span style={{ fontSize: 26 }}>{text}</span>}
        subTitle={outcome.name}
        extra={<Button onClick={onDone}>{t('kiosk.tryAgain')}</Button>}
      />
    </div>
  );
}
