import type { DisciplineKind } from '@sitedesk/domain';

export const KIND_COLOR: Record<DisciplineKind, string> = {
  fine: 'red',
  warning_slip: 'orange',
  violation_slip: 'volcano',
  bonus: 'green',
  deduction: 'magenta',
};
