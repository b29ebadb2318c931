import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Flex, Input, Row, Select, Space, Statistic, Tooltip, Typography } from 'antd';
import { UNIT_STATUSES, type UnitStatus } from '@sitedesk/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { UnitDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { reservationAccess } from '../access';
import { useLive } from '../live';
import { BOARD_LIMIT, useBoardUnits } from '../queries';
import { UNIT_STYLE } from '../status';
import { useUnitLink } from '../unit-link';

/** Units of one building, floor by floor (top floor first), numbers in order. */
interface Building {
  name: string;
  floors: { floor: number; units: UnitDto[] }[];
  count: number;
}

const byNumber = (a: UnitDto, b: UnitDto) => a.number.localeCompare(b.number, undefined, { numeric: true });

function groupByBuilding(units: readonly UnitDto[]): Building[] {
  const buildings = new Map<string, Map<number, UnitDto[]>>();
  for (const u of units) {
    const floors = buildings.get(u.building) ?? new Map<number, UnitDto[]>();
    buildings.set(u.building, floors);
    floors.set(u.floor, [...(floors.get(u.floor) ?? []), u]);
  }
  return [...buildings.entries()]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([name, floors]) => ({
      name,
      count: [...floors.values()].reduce((n, list) => n + list.length, 0),
      floors: [...floors.entries()].sort(([a], [b]) => b - a).map(([floor, list]) => ({ floor, units: list.sort(byNumber) })),
    }));
}

/** RES-1/RES-2: the live sales board (销控表) — every unit by building and floor, coloured by status. */
export function SalesBoardPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = reservationAccess(site);
  const live = useLive();
  const board = useBoardUnits(site.siteId, live.poll);
  const unitLink = useUnitLink();
  const [building, setBuilding] = useState<string | undefined>();
  const [layout, setLayout] = useState<string | undefined>();
  const [status, setStatus] = useState<UnitStatus | undefined>();
  const [q, setQ] = useState('');

  const units = useMemo(() => board.data?.units ?? [], [board.data]);
  const buildings = useMemo(() => [...new Set(units.map((u) => u.building))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })), [units]);
  const layouts = useMemo(() => [...new Set(units.map((u) => u.layout))].sort(), [units]);
  // Counts follow the building and layout filters, so "available in building 2" reads at a glance.
  const scoped = units.filter((u) => (!building || u.building === building) && (!layout || u.layout === layout) && (!q || u.number.toLowerCase().includes(q.toLowerCase())));
  const shown = scoped.filter((u) => !status || u.status === status);
  const count = (s: UnitStatus) => scoped.filter((u) => u.status === s).length;
  const price = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 });

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            {t('reservation.board.title')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {board.dataUpdatedAt ? t('reservation.board.updated', { time: siteTime(new Date(board.dataUpdatedAt).toISOString()) }) : ''}
            </Typography.Text>
            <Tooltip title={t(`reservation.live.hint.${live.state}`)}>
              <Badge
                data-testid="board-live"
                data-live={live.state}
                status={live.state === 'live' ? 'processing' : live.state === 'polling' ? 'warning' : 'default'}
                text={t(`reservation.live.${live.state}`)}
                style={{ fontWeight: 'normal' }}
              />
            </Tooltip>
          </Space>
        }
        extra={
          <Button icon={<ReloadOutlined spin={board.isFetching} />} onClick={() => void board.refetch()}>
            {t('reservation.board.refresh')}
          </Button>
        }
      >
        <Row gutter={[12, 12]}>
          <Col flex="1 1 120px">
            <Card size="small" hoverable onClick={() => setStatus(undefined)} style={{ borderColor: status ? undefined : '#1677ff' }}>
              <Statistic title={t('reservation.board.all')} value={scoped.length} loading={board.isPending} />
            </Card>
          </Col>
          {UNIT_STATUSES.map((s) => (
            <Col key={s} flex="1 1 120px">
              <Card
                size="small"
                hoverable
                data-testid={`count-${s}`}
                onClick={() => setStatus(status === s ? undefined : s)}
                style={{ borderColor: status === s ? UNIT_STYLE[s].ink : undefined, background: UNIT_STYLE[s].fill }}
              >
                <Statistic title={t(`reservation.unitStatus.${s}`)} value={count(s)} loading={board.isPending} styles={{ content: { color: UNIT_STYLE[s].ink, fontWeight: 600 } }} />
              </Card>
            </Col>
          ))}
        </Row>
        <Space wrap style={{ marginTop: 16 }}>
          <Select
            aria-label={t('reservation.fields.building')}
            placeholder={t('reservation.board.allBuildings')}
            allowClear
            value={building}
            onChange={setBuilding}
            options={buildings.map((b) => ({ value: b, label: b }))}
            style={{ width: 160 }}
          />
          <Select
            aria-label={t('reservation.fields.layout')}
            placeholder={t('reservation.board.allLayouts')}
            allowClear
            value={layout}
            onChange={setLayout}
            options={layouts.map((l) => ({ value: l, label: l }))}
            style={{ width: 180 }}
          />
          <Select
            aria-label={t('common.status')}
            placeholder={t('reservation.board.allStatuses')}
            allowClear
            value={status}
            onChange={setStatus}
            options={UNIT_STATUSES.map((s) => ({ value: s, label: t(`reservation.unitStatus.${s}`) }))}
            style={{ width: 140 }}
          />
          <Input.Search aria-label={t('reservation.board.search')} placeholder={t('reservation.board.search')} allowClear maxLength={40} style={{ width: 200 }} onSearch={(v) => setQ(v.trim())} />
        </Space>
        {board.data && board.data.total > board.data.units.length && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('reservation.board.cut', { shown: board.data.units.length, total: board.data.total, limit: BOARD_LIMIT })} />
        )}
      </Card>

      {board.isError ? (
        <LoadError problem={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Card loading />
      ) : units.length === 0 ? (
        <Card>
          <Empty description={t('reservation.board.empty')}>
            {access.inventory && (
              <Link to="/reservation/units">
                <Button type="primary">{t('reservation.board.addUnits')}</Button>
              </Link>
            )}
          </Empty>
        </Card>
      ) : shown.length === 0 ? (
        <Card>
          <Empty description={t('reservation.board.noMatch')} />
        </Card>
      ) : (
        groupByBuilding(shown).map((b) => (
          <Card key={b.name} size="small" title={t('reservation.board.building', { name: b.name, count: b.count })} data-testid={`building-${b.name}`}>
            <Flex vertical gap={6}>
              {b.floors.map((f) => (
                <Flex key={f.floor} gap={6} align="stretch">
                  <Typography.Text type="secondary" style={{ width: 72, flex: 'none', alignSelf: 'center', textAlign: 'right', paddingRight: 8, whiteSpace: 'nowrap' }}>
                    {t('reservation.board.floor', { floor: f.floor })}
                  </Typography.Text>
                  <Flex gap={6} wrap>
                    {f.units.map((u) => (
                      <UnitTile key={u.id} unit={u} price={price.format(u.listPriceFen / 100)} onOpen={() => unitLink.open(u.id)} />
                    ))}
                  </Flex>
                </Flex>
              ))}
            </Flex>
          </Card>
        ))
      )}
    </Flex>
  );
}

function UnitTile({ unit, price, onOpen }: { unit: UnitDto; price: string; onOpen: () => void }) {
  const { t } = useTranslation();
  const s = UNIT_STYLE[unit.status];
  const label = `${unit.building} ${unit.number} ${t(`reservation.unitStatus.${unit.status}`)}`;
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-testid="unit-tile"
      data-unit={`${unit.building}|${unit.number}`}
      data-status={unit.status}
      onClick={onOpen}
      style={{
        width: 128,
        padding: '6px 8px',
        textAlign: 'left',
        cursor: 'pointer',
        borderRadius: 6,
        border: `1px solid ${s.border}`,
        borderLeft: `4px solid ${s.ink}`,
        background: s.fill,
        color: 'rgba(0,0,0,0.88)',
        font: 'inherit',
      }}
    >
      <div style={{ fontWeight: 600 }}>{unit.number}</div>
      <div style={{ fontSize: 12, color: s.ink }}>{t(`reservation.unitStatus.${unit.status}`)}</div>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {unit.layout} · {unit.areaM2}㎡
      </div>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{price}</div>
    </button>
  );
}
