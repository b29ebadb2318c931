import { App, Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto, DecisionDto } from '../../api/generated';
import { TextModal } from '../../shared/ui/TextModal';
import { useDecideApproval } from './queries';

export interface DecisionTarget {
  approval: ApprovalDto;
  decision: DecisionDto['decision'];
}

export type ApprovalStatus = ApprovalDto['status'];
export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];
const STATUS_COLOR: Record<ApprovalStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'default' };

/** An approval's status in words and colour. */
export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`approvals.status.${status}`)}</Tag>;
}

/** The approve and reject buttons of a pending request in a list; the decision opens `DecisionModal`. */
export function DecideButtons({ approval, onDecide }: { approval: ApprovalDto; onDecide: (target: DecisionTarget) => void }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button size="small" type="primary" onClick={() => onDecide({ approval, decision: 'approved' })}>
        {t('approvals.approve')}
      </Button>
      <Button size="small" danger onClick={() => onDecide({ approval, decision: 'rejected' })}>
        {t('approvals.reject')}
      </Button>
    </Space>
  );
}

/** Approve or reject one request, with an optional comment (GEN-6). */
export function DecisionModal({ target, onClose }: { target: DecisionTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideApproval();
  const approving = target?.decision === 'approved';
  return (
    <TextModal
      open={target !== null}
      title={approving ? t('approvals.approveTitle') : t('approvals.rejectTitle')}
      label={t('approvals.comment')}
      placeholder={t('approvals.commentPlaceholder')}
      okText={approving ? t('approvals.approve') : t('approvals.reject')}
      danger={!approving}
      pending={decide.isPending}
      problem={decide.error}
      onCancel={() => {
        decide.reset();
        onClose();
      }}
      onSubmit={(comment) => {
        if (!target) return;
        decide.mutate(
          { path: { id: target.approval.id }, body: { decision: target.decision, ...(comment ? { comment } : {}) } },
          {
            onSuccess: () => {
              void message.success(t('approvals.decided'));
              onClose();
            },
          },
        );
      }}
    />
  );
}
