import { Alert, Button, Card, Form, Input, List, Select, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnrecordedVisitDto, VisitRecordOutcomeDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { ClientsProblem } from '../problems';
import { useRecordVisit, useUnrecordedVisits } from '../queries';
import { yuan } from '../shared';
import { AnswerModal } from '../../../shared/ui/AnswerModal';

const GRADES = ['A', 'B', 'C', 'D'] as const;

interface RecordForm {
  grade?: (typeof GRADES)[number];
  media?: string;
  needs?: string;
}

/** GEN-11: the consultant who received a visit completes its register (grade, media, needs) the same day; each blank is a fine. */
function RecordVisitModal({ visit, onClose }: { visit: UnrecordedVisitDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  const [form] = Form.useForm<RecordForm>();
  const record = useRecordVisit();
  const [answer, setAnswer] = useState<VisitRecordOutcomeDto | null>(null);
  const close = () => {
    record.reset();
    setAnswer(null);
    onClose();
  };
  return (
    <AnswerModal
      open={visit !== null}
      title={t('clients.visitRegister.title', { name: visit?.customerName ?? '' })}
      onClose={close}
      formId={formId}
      submitLabel={t('common.save')}
      pending={record.isPending}
      doneLabel={t('clients.call.done')}
      answer={
        answer && (
          <Alert
            type={answer.fineFen ? 'warning' : 'success'}
            showIcon
            data-testid="visit-register-outcome"
            title={t('clients.visitRegister.saved')}
            description={answer.fineFen ? t('clients.followUps.blankFine', { fields: answer.blankFields.join(', '), amount: yuan(answer.fineFen) }) : undefined}
          />
        )
      }
    >
      <>
        <Typography.Paragraph type="secondary">{t('clients.visitRegister.hint')}</Typography.Paragraph>
        <ClientsProblem problem={record.error} />
        <Form<RecordForm>
          id={formId}
          form={form}
          layout="vertical"
          onFinish={(v) =>
            visit &&
            record.mutate(
              { path: { id: visit.visitId }, body: { ...(v.grade ? { grade: v.grade } : {}), ...(v.media?.trim() ? { media: v.media.trim() } : {}), ...(v.needs?.trim() ? { needs: v.needs.trim() } : {}) } },
              { onSuccess: setAnswer, onError: (p) => showFieldErrors(form, p) },
            )
          }
        >
          <Form.Item name="grade" label={t('clients.fields.grade')}>
            <Select allowClear options={GRADES.map((g) => ({ value: g, label: t(`clients.grades.${g}`) }))} />
          </Form.Item>
          <Form.Item name="media" label={t('clients.visitRegister.media')}>
            <Input maxLength={100} placeholder={t('clients.visitRegister.mediaPlaceholder')} />
          </Form.Item>
          <Form.Item name="needs" label={t('clients.visitRegister.needs')}>
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('clients.visitRegister.needsPlaceholder')} />
          </Form.Item>
        </Form>
      </>
    </AnswerModal>
  );
}

/** A consultant's received visits whose register is still to be completed. */
export function VisitRegisterCard() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const visits = useUnrecordedVisits(site.siteId, true);
  const [recording, setRecording] = useState<UnrecordedVisitDto | null>(null);
  return (
    <Card title={t('clients.visitRegister.listTitle')} size="small">
      <List<UnrecordedVisitDto>
        loading={visits.isPending}
        dataSource={visits.data}
        locale={{ emptyText: t('clients.visitRegister.none') }}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button key="record" size="small" type="primary" onClick={() => setRecording(v)}>
                {t('clients.visitRegister.complete')}
              </Button>,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{v.customerName}</Typography.Text>
              <span>{v.phoneMasked}</span>
              <Typography.Text type="secondary">{siteTime(v.at)}</Typography.Text>
              <Typography.Text type="secondary">{t(`clients.visitKinds.${v.visitKind as 'walk_in'}`, { defaultValue: v.visitKind })}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <RecordVisitModal visit={recording} onClose={() => setRecording(null)} />
    </Card>
  );
}
