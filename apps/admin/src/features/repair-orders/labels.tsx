import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATE_COLOR: Record<string, string> = {
  opened: 'default',
  diagnosing: 'cyan',
  diagnosed: 'cyan',
  estimated: 'blue',
  signed: 'geekblue',
  checked_in: 'purple',
  dispatched: 'orange',
  in_progress: 'gold',
  completed: 'lime',
  quality_checked: 'green',
  ready: 'green',
  settled: 'success',
  exited: 'default',
  declined: 'red',
};

/** A repair order's state as a coloured tag. */
export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} data-testid="order-state" data-state={state}>
      {t(`repairOrders.state.${state}` as 'repairOrders.state.opened', { defaultValue: state })}
    </Tag>
  );
}

/** The stages of the workshop board, in the order a vehicle moves through them. */
export const WORKSHOP_STAGES = ['checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled'] as const;
/** How far along the order is (for the desk's progress bar). */
export const stageProgress = (state: string) => {
  const all = ['opened', 'diagnosing', 'diagnosed', 'estimated', 'signed', ...WORKSHOP_STAGES, 'exited'];
  const i = all.indexOf(state);
  return i < 0 ? 0 : Math.round((i / (all.length - 1)) * 100);
};
