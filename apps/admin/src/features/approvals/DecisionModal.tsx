import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto, DecisionDto } from '../../api/generated';
import { TextModal } from '../../shared/ui/TextModal';
import { useDecideApproval } from './queries';

interface Target {
  approval: ApprovalDto;
  decision: DecisionDto['decision'];
}

/** Approve or reject one request, with an optional comment (GEN-6). */
export function DecisionModal({ target, onClose }: { target: Target | null; onClose: () => void }) {
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
