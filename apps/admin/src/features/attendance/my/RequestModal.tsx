import type { UseMutationResult } from '@tanstack/react-query';
import { Alert, App, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { attendanceProblemText } from '../problems';

/**
 * What every request form of My attendance does on submit: clear the last problem, send, on success
 * say so and close, on failure show the problem and the field errors. `close` also resets the mutation.
 */
export function useRequestSubmit<TVars>(
  mutation: Pick<UseMutationResult<unknown, Problem, TVars>, 'mutate' | 'reset'>,
  form: FormInstance,
  successText: string,
  onClose: () => void,
) {
  const { message } = App.useApp();
  const [problem, setProblem] = useState<Problem | null>(null);
  const close = () => {
    setProblem(null);
    mutation.reset();
    onClose();
  };
  const run = (vars: TVars) => {
    setProblem(null);
    mutation.mutate(vars, {
      onSuccess: () => {
        void message.success(successText);
        close();
      },
      onError: (p) => {
        setProblem(p);
        showFieldErrors(form, p);
      },
    });
  };
  return { problem, close, run };
}

/** The modal around a request form: submit and cancel buttons, an optional hint and the problem. */
export function RequestModal(props: {
  open: boolean;
  title: string;
  formId: string;
  pending: boolean;
  problem: Problem | null;
  onCancel: () => void;
  hint?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: props.formId, loading: props.pending }}
      onCancel={props.onCancel}
      destroyOnHidden
      width={props.width}
    >
      {props.hint && <Alert type="info" showIcon title={props.hint} style={{ marginBottom: 16 }} />}
      {props.problem && <Alert type="error" showIcon title={attendanceProblemText(props.problem, t)} style={{ marginBottom: 16 }} />}
      {props.children}
    </Modal>
  );
}
