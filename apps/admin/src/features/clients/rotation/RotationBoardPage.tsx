import { OrderedListOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, Empty, List, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { isDomainError, nextUp, type RotationState } from '@sitedesk/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinePlaceDto, RotationDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { TextModal } from '../../../shared/ui/TextModal';
import { useMe } from '../../auth/me';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { clientsProblemText } from '../problems';
import { useInvalidateClients, usePassRotation, useRotation, useSuspendFromRotation } from '../queries';
import { useSiteEvents, type LiveState } from '../site-events';
import { ArrivalCard } from './ArrivalCard';
import { PublishOrderModal } from './PublishOrderModal';
import { VisitRegisterCard } from './VisitRegisterCard';

/** The line as the domain's rotation reads it (the board asks the same rule who is next, CA-10). */
const stateOf = (rotation: RotationDto): RotationState => ({
  order: rotation.line.map((p) => p.consultantId),
  owed: Object.fromEntries(rotation.line.map((p) => [p.consultantId, p.owed])),
  suspendedUntil: Object.fromEntries(rotation.line.flatMap((p) => (p.suspendedUntil ? [[p.consultantId, p.suspendedUntil]] : []))),
  standingSince: {},
});

/** Who receives the next walk-in, or null when nobody in line is free. */
export function whoIsNext(rotation: RotationDto | undefined, busy: readonly string[], kind: 'walk_in' | 'market_research' = 'walk_in'): string | null {
  if (!rotation?.published || !rotation.line.length) return null;
  try {
    return nextUp(stateOf(rotation), kind, new Set(busy), new Date());
  } catch (e) {
    if (isDomainError(e)) return null;
    throw e;
  }
}

const isSuspended = (p: LinePlaceDto) => !!p.suspendedUntil && new Date(p.suspendedUntil) > new Date();

export function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  const status = state === 'live' ? 'success' : state === 'connecting' ? 'processing' : 'warning';
  return <Badge status={status} text={<Typography.Text type="secondary">{t(`clients.live.${state}`)}</Typography.Text>} data-live={state} />;
}

/** CA-10: the day's reception line, live for the desk, the supervisor and the consultants. */
export function RotationBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const rotation = useRotation(site.siteId);
  const invalidate = useInvalidateClients();
  const live = useSiteEvents(site.siteId, ['client.rotation', 'client.visit'], () => void invalidate());
  const [busy, setBusy] = useState<string[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [suspending, setSuspending] = useState<LinePlaceDto | null>(null);
  const pass = usePassRotation();
  const suspend = useSuspendFromRotation();

  const line = useMemo(() => rotation.data?.line ?? [], [rotation.data]);
  const next = whoIsNext(rotation.data, busy);
  const last = whoIsNext(rotation.data, busy, 'market_research');
  const toggleBusy = (id: string) => setBusy((b) => (b.includes(id) ? b.filter((x) => x !== id) : [...b, id]));

  const doPass = () =>
    pass.mutate(
      { body: { siteId: site.siteId } },
      {
        onSuccess: () => void message.success(t('clients.rotation.passed')),
        onError: (problem) => void message.error(clientsProblemText(problem, t)),
      },
    );

  const board = (
    <Card
      title={
        <Space>
          <OrderedListOutlined />
          {t('clients.rotation.title')}
          <LiveBadge state={live} />
        </Space>
      }
      extra={
        access.keepsLine && (
          <Button type={rotation.data?.published ? 'default' : 'primary'} onClick={() => setPublishing(true)}>
            {rotation.data?.published ? t('clients.rotation.republish') : t('clients.rotation.publish')}
          </Button>
        )
      }
    >
      {rotation.isError ? (
        <LoadError problem={rotation.error} onRetry={() => void rotation.refetch()} />
      ) : rotation.data && !rotation.data.published ? (
        <Empty
          description={
            <Space direction="vertical" size={4}>
              <Typography.Text strong>{t('clients.rotation.notPublished')}</Typography.Text>
              <Typography.Text type="secondary">{access.keepsLine ? t('clients.rotation.notPublishedKeeper') : t('clients.rotation.notPublishedOthers')}</Typography.Text>
            </Space>
          }
        />
      ) : (
        <List<LinePlaceDto>
          loading={rotation.isPending}
          dataSource={line}
          locale={{ emptyText: t('clients.rotation.emptyLine') }}
          renderItem={(p, i) => {
            const mine = p.consultantId === me.id;
            const isBusy = busy.includes(p.consultantId);
            return (
              <List.Item
                data-testid={`line-${i + 1}`}
                aria-label={t('clients.rotation.place', { n: i + 1, name: p.displayName })}
                style={{ background: p.consultantId === next ? '#f6ffed' : undefined, paddingInline: 12 }}
                actions={[
                  access.reception && (
                    <Tag.CheckableTag key="busy" checked={isBusy} onChange={() => toggleBusy(p.consultantId)}>
                      {isBusy ? t('clients.rotation.busy') : t('clients.rotation.markBusy')}
                    </Tag.CheckableTag>
                  ),
                  access.consultant && mine && (
                    <Tooltip key="pass" title={t('clients.rotation.passHint')}>
                      <Button size="small" loading={pass.isPending} onClick={doPass}>
                        {t('clients.rotation.pass')}
                      </Button>
                    </Tooltip>
                  ),
                  access.keepsLine && !mine && (
                    <Button key="suspend" size="small" danger onClick={() => setSuspending(p)}>
                      {t('clients.rotation.suspend')}
                    </Button>
                  ),
                ].filter(Boolean)}
              >
                <Space size={12} wrap>
                  <Typography.Text strong style={{ width: 28, display: 'inline-block', fontSize: 18 }}>
                    {i + 1}
                  </Typography.Text>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    <span data-name>{p.displayName}</span>
                    {mine && ` (${t('clients.rotation.you')})`}
                  </Typography.Text>
                  {p.consultantId === next && <Tag color="green">{t('clients.rotation.nextUp')}</Tag>}
                  {p.consultantId === last && last !== next && <Tag color="blue">{t('clients.rotation.lastInLine')}</Tag>}
                  {isBusy && <Tag color="orange">{t('clients.rotation.busy')}</Tag>}
                  {p.owed > 0 && <Tag color="gold">{t('clients.rotation.owes', { count: p.owed })}</Tag>}
                  {isSuspended(p) && <Tag color="red">{t('clients.rotation.suspendedUntil', { time: siteTime(p.suspendedUntil) })}</Tag>}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {rotation.data?.published && (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('clients.rotation.legend')}
        </Typography.Paragraph>
      )}
    </Card>
  );

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={access.reception ? 12 : 24}>
          {board}
        </Col>
        {access.consultant && (
          <Col xs={24}>
            <VisitRegisterCard />
          </Col>
        )}
        {access.reception && (
          <Col xs={24} xl={12}>
            <ArrivalCard line={line} busy={busy} next={next} published={!!rotation.data?.published} onRegistered={() => setBusy([])} />
          </Col>
        )}
      </Row>
      <PublishOrderModal open={publishing} current={rotation.data} onClose={() => setPublishing(false)} />
      <TextModal
        open={suspending !== null}
        title={t('clients.rotation.suspendTitle', { name: suspending?.displayName ?? '' })}
        label={t('clients.rotation.suspendReason')}
        placeholder={t('clients.rotation.suspendPlaceholder')}
        requiredMessage={t('clients.rotation.suspendReasonRequired')}
        okText={t('clients.rotation.suspend')}
        danger
        pending={suspend.isPending}
        problem={suspend.error}
        onCancel={() => {
          suspend.reset();
          setSuspending(null);
        }}
        onSubmit={(reason) =>
          suspending &&
          suspend.mutate(
            { body: { siteId: site.siteId, consultantId: suspending.consultantId, reason } },
            {
              onSuccess: () => {
                void message.success(t('clients.rotation.suspended', { name: suspending.displayName }));
                setSuspending(null);
              },
            },
          )
        }
      />
    </>
  );
}
