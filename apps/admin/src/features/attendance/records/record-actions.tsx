import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessOutRecordDto, IncidentRecordDto } from '../../../api/generated';
import { TextModal } from '../../../shared/ui/TextModal';
import { useMe } from '../../auth/me';
import { attendanceProblemText } from '../problems';
import { useCancelBusinessOut, useVoidIncident } from '../queries';

/** ATT-10: a business out that has not begun is cancelled by its person or a manager. */
export function CancelOutButton({ out, manages }: { out: BusinessOutRecordDto; manages: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const cancel = useCancelBusinessOut();
  if (out.cancelledAt || new Date(out.from).getTime() <= Date.now() || (out.userId !== me.id && !manages)) return null;
  return (
    <Popconfirm
      title={t('attendance.records.cancelOutConfirm')}
      okText={t('attendance.records.cancelOut')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        cancel.mutate({ path: { id: out.id } }, { onSuccess: () => void message.success(t('attendance.records.outCancelled')), onError: (p) => void message.error(attendanceProblemText(p, t)) })
      }
    >
      <Button size="small" danger loading={cancel.isPending}>
        {t('attendance.records.cancelOut')}
      </Button>
    </Popconfirm>
  );
}

/** ATT-6/ATT-9: a manager voids an incident recorded by mistake, with a reason; never one against themselves. */
export function VoidIncidentButton({ incident }: { incident: IncidentRecordDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const voiding = useVoidIncident();
  const [open, setOpen] = useState(false);
  if (incident.userId === me.id) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('attendance.records.voidIncident')}
      </Button>
      <TextModal
        open={open}
        title={t('attendance.records.voidIncidentTitle')}
        label={t('attendance.records.voidReason')}
        requiredMessage={t('attendance.records.voidReasonRequired')}
        okText={t('attendance.records.voidIncident')}
        danger
        pending={voiding.isPending}
        problem={voiding.error}
        onCancel={() => {
          voiding.reset();
          setOpen(false);
        }}
        onSubmit={(reason) =>
          voiding.mutate(
            { path: { id: incident.id }, body: { reason } },
            {
              onSuccess: () => {
                void message.success(t('attendance.records.incidentVoided'));
                setOpen(false);
              },
            },
          )
        }
      />
    </>
  );
}
