import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/problem';
import { appointmentsProblemText } from './problems';

/** The modal around an appointment form: submit and cancel, an optional hint, the API's refusal in words. */
export function FormModal(props: {
  title: string;
  formId: string;
  pending: boolean;
  problem: Problem | null;
  onCancel: () => void;
  okText?: string;
  hint?: ReactNode;
  width?: number;
  footer?: ReactNode | null;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText ?? t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: props.formId, loading: props.pending }}
      onCancel={props.onCancel}
      destroyOnHidden
      width={props.width}
      {...(props.footer !== undefined ? { footer: props.footer } : {})}
    >
      {props.hint && <Alert type="info" showIcon title={props.hint} style={{ marginBottom: 16 }} />}
      {props.problem && <Alert type="error" showIcon role="alert" data-problem={props.problem.code} title={appointmentsProblemText(props.problem, t, i18n.language)} style={{ marginBottom: 16 }} />}
      {props.children}
    </Modal>
  );
}
