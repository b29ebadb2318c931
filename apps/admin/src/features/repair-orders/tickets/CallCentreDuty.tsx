import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getCallCentreDayOptions } from '../../../api/generated/@tanstack/react-query.gen';
import { LoadError } from '../../../shared/ui/LoadError';

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * RO-11: today's call-centre duty from the Attendance rota, as a 24-hour bar; in the heating season the
 * hours nobody covers are called out, so that the supervisor fills the rota before the night comes.
 * Shown on sites whose repair policy has a heating season.
 */
export function CallCentreDuty({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const day = useQuery({ ...getCallCentreDayOptions({ query: { siteId } }), staleTime: 60_000, refetchInterval: 5 * 60_000 });
  if (day.error) return <LoadError problem={day.error} onRetry={() => void day.refetch()} />;
  // A site without a heating season (a car service centre) has nothing to plan here.
  if (!day.data?.heatingSeason) return null;
  const { roundTheClock, windows, gaps } = day.data;
  return (
    <Card size="small" title={t('repairOrders.callCentre.title')} style={{ marginBottom: 16 }} data-testid="call-centre-duty">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{roundTheClock ? t('repairOrders.callCentre.roundTheClock') : t('repairOrders.callCentre.businessHours')}</Typography.Text>
        <div role="img" aria-label={t('repairOrders.callCentre.hint')} style={{ display: 'flex', height: 18, borderRadius: 4, overflow: 'hidden', border: '1px solid #d9d9d9' }}>
          {windows.map((w) => {
            const width = ((minutes(w.to) - minutes(w.from)) / (24 * 60)) * 100;
            const names = w.people.map((p) => p.displayName).join('、') || t('repairOrders.callCentre.nobody');
            const empty = w.people.length === 0;
            return (
              <Tooltip key={w.from} title={`${w.from}–${w.to} ${names}`}>
                <div style={{ width: `${width}%`, background: empty ? (roundTheClock ? '#ffccc7' : '#fafafa') : '#b7eb8f' }} />
              </Tooltip>
            );
          })}
        </div>
        {roundTheClock &&
          (gaps.length ? (
            <Alert type="warning" showIcon data-testid="call-centre-gaps" title={t('repairOrders.callCentre.gaps', { gaps: gaps.map((g) => `${g.from}–${g.to}`).join('，') })} description={t('repairOrders.callCentre.hint')} />
          ) : (
            <Alert type="success" showIcon title={t('repairOrders.callCentre.covered')} />
          ))}
      </Flex>
    </Card>
  );
}
