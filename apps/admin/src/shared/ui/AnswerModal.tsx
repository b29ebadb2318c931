import { Button, Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface AnswerModalProps {
  open: boolean;
  title: ReactNode;
  /** The form's id: the submit button of the footer submits it. */
  formId: string;
  submitLabel: string;
  pending: boolean;
  /** What the server answered; shown instead of the form once there is one, with a single "done" button. */
  answer: ReactNode | null;
  doneLabel: string;
  onClose: () => void;
  /** The form (with its problem alert). */
  children: ReactNode;
}

/**
 * A dialog that records something and then shows what the server decided (the owner, a fine, a visit
 * code): the form with cancel and submit until the answer comes, then the answer with one "done".
 */
export function AnswerModal({ open, title, formId, submitLabel, pending, answer, doneLabel, onClose, children }: AnswerModalProps) {
  const { t } = useTranslation();
  const answered = answer !== null && answer !== undefined && answer !== false;
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        answered ? (
          <Button type="primary" onClick={onClose}>
            {doneLabel}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" form={formId} loading={pending}>
              {submitLabel}
            </Button>
          </Space>
        )
      }
    >
      {answered ? answer : children}
    </Modal>
  );
}
