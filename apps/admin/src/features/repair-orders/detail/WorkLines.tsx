import { REPAIR_ORDER_COMMAND_ROLES, REPAIR_ORDER_TRANSITIONS, type Role } from '@sitedesk/domain';
import { Alert, Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairOrderDetailDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { hours, workLines, yuan, type WorkLine } from '../model';
import { repairProblemText } from '../problems';
import { useRepairCommand } from '../queries';

const can = (o: RepairOrderDetailDto, roles: readonly Role[], type: 'start_work' | 'finish_work') =>
  (REPAIR_ORDER_TRANSITIONS[type] as readonly string[]).includes(o.state) && roles.some((r) => REPAIR_ORDER_COMMAND_ROLES[type].includes(r));

const ADDITIONAL_COLOR = { pending: 'orange', yes: 'green', no: 'red' } as const;

/**
 * The order's lines for the workshop: the estimate's and the additional ones with the customer's
 * answer (RO-7), how far the work is, and start/finish per line for technicians. Starting additional
 * work before the customer's yes is refused by the API (RO_ADDITIONAL_WORK_NOT_APPROVED); the refusal
 * is shown here as a sentence.
 */
export function WorkLines({ order, roles }: { order: RepairOrderDetailDto; roles: readonly Role[] }) {
  const { t } = useTranslation();
  const command = useRepairCommand();
  const [problem, setProblem] = useState<Problem | null>(null);
  const lines = workLines(order);
  const starts = can(order, roles, 'start_work');
  const finishes = can(order, roles, 'finish_work');
  // A failed quality check names the lines to redo (RO-9): only those start again.
  const lastCheck = (order.qualityChecks as { passed?: boolean; reworkLineIds?: string[] }[]).at(-1);
  const rework = new Set(lastCheck && lastCheck.passed === false ? (lastCheck.reworkLineIds ?? []) : []);

  const act = async (type: 'start_work' | 'finish_work', lineId: string) => {
    setProblem(null);
    try {
      await command.mutateAsync({ id: order.id, action: { type, body: { lineId } } });
    } catch (e) {
      setProblem(e as Problem);
    }
  };

  return (
    <>
      {problem && <Alert type="error" showIcon closable onClose={() => setProblem(null)} title={repairProblemText(problem, t)} style={{ marginBottom: 8 }} data-testid="work-problem" data-code={problem.code} />}
      <Table<WorkLine>
        size="small"
        rowKey={(w) => w.line.id}
        pagination={false}
        dataSource={lines}
        locale={{ emptyText: t('repairOrders.detail.noLines') }}
        onRow={(w) => ({ 'data-testid': `line-${w.line.id}`, 'data-status': w.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', render: (_, w) => w.line.id, width: 56 },
          {
            title: t('repairOrders.cmd.lineDescription'),
            render: (_, w) => (
              <Space wrap size={4}>
                {w.line.description}
                {w.additional && <Tag color={ADDITIONAL_COLOR[w.additional]}>{t(`repairOrders.additional.${w.additional}`)}</Tag>}
                {w.line.noGuarantee && <Tag color="warning">{t('repairOrders.detail.noGuarantee')}</Tag>}
              </Space>
            ),
          },
          { title: t('repairOrders.cmd.team'), render: (_, w) => t(`repairOrders.team.${w.line.team}` as 'repairOrders.team.mechanical', { defaultValue: w.line.team }), width: 90 },
          { title: t('repairOrders.cmd.hours'), render: (_, w) => hours(w.line.labourHundredths), width: 70 },
          { title: t('repairOrders.detail.lineTotal'), render: (_, w) => yuan(w.line.totalFen), width: 110 },
          { title: t('repairOrders.detail.workStatus'), render: (_, w) => <Tag>{t(`repairOrders.workStatus.${w.status}`)}</Tag>, width: 90 },
          ...(starts || finishes
            ? [
                {
                  title: t('common.actions'),
                  width: 150,
                  render: (_: unknown, w: WorkLine) => (
                    <Space>
                      {starts && (w.status === 'not_started' || (w.status === 'done' && rework.has(w.line.id))) && w.additional !== 'no' && (
                        <Button size="small" loading={command.isPending} onClick={() => void act('start_work', w.line.id)}>
                          {w.status === 'done' ? t('repairOrders.detail.rework') : t('repairOrders.action.start_work')}
                        </Button>
                      )}
                      {finishes && w.status === 'in_work' && (
                        <Button size="small" type="primary" loading={command.isPending} onClick={() => void act('finish_work', w.line.id)}>
                          {t('repairOrders.action.finish_work')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
