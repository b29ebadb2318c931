import { Form, Input, Modal } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/problem';
import { ProblemAlert } from './ProblemAlert';

interface TextModalProps {
  open: boolean;
  title: string;
  label: string;
  placeholder?: string;
  /** When given, the text must be filled in and this is the message. */
  requiredMessage?: string;
  okText?: string;
  danger?: boolean;
  pending: boolean;
  problem: Problem | null;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}

/** A confirmation that asks for one text: a reason, a comment. Its form starts empty on every opening. */
export function TextModal({ open, title, label, placeholder, requiredMessage, okText, danger, pending, problem, onSubmit, onCancel }: TextModalProps) {
  const { t } = useTranslation();
  const formId = useId();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: pending, htmlType: 'submit', form: formId }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form id={formId} layout="vertical" onFinish={(v: { text?: string }) => onSubmit(v.text?.trim() ?? '')}>
        <Form.Item name="text" label={label} rules={requiredMessage ? [{ required: true, whitespace: true, message: requiredMessage }] : []}>
          <Input.TextArea rows={3} maxLength={500} placeholder={placeholder} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
