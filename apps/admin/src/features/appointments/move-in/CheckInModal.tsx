import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, List, Radio, Row, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInResultDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { appointmentsAccess } from '../access';
import { FormModal } from '../FormModal';
import { codeText } from '../problems';
import { useCheckIn } from '../queries';
import { UnitSelect } from './UnitSelect';

interface Party {
  noticeNo?: string;
  unitId?: string;
  ownerName?: string;
}
interface Values {
  via: 'desk' | 'hall';
  parties: Party[];
}
interface Outcome {
  label: string;
  result: CheckInResultDto;
}

/**
 * RES-7 check-in: by the move-in notice number, or by unit + owner name; several owners arriving
 * together are checked one by one and each gets their own answer. At the desk (receptionist) or in the
 * hall (the service ambassador, for an owner who walked straight in).
 */
export function CheckInModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = appointmentsAccess(site);
  const [form] = Form.useForm<Values>();
  const formId = useId();
  const checkIn = useCheckIn();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  const label = (p: Party, i: number) => p.noticeNo?.trim() || p.ownerName?.trim() || t('appointments.checkIn.party', { n: i + 1 });
  const submit = (v: Values) => {
    setProblem(null);
    const parties = v.parties.map((p) => (p.noticeNo?.trim() ? { noticeNo: p.noticeNo.trim() } : { ...(p.unitId ? { unitId: p.unitId } : {}), ...(p.ownerName?.trim() ? { ownerName: p.ownerName.trim() } : {}) }));
    checkIn.mutate(
      { siteId: site.siteId, via: v.via, parties },
      {
        onSuccess: (answer) => setOutcomes(answer.results.map((r) => ({ label: label(v.parties[r.index], r.index), result: r }))),
        onError: (p) => {
          const results = (p as Problem & { results?: CheckInResultDto[] }).results;
          if (Array.isArray(results)) setOutcomes(results.map((r) => ({ label: label(v.parties[r.index], r.index), result: r })));
          setProblem(p);
          showFieldErrors(form, p);
        },
      },
    );
  };

  return (
    <FormModal
      title={t('appointments.checkIn.title')}
      formId={formId}
      pending={checkIn.isPending}
      problem={problem}
      onCancel={onClose}
      width={760}
      okText={t('appointments.checkIn.submit')}
      hint={t('appointments.checkIn.hint')}
      footer={
        outcomes && !problem ? (
          <Button type="primary" onClick={onClose}>
            {t('appointments.checkIn.done')}
          </Button>
        ) : undefined
      }
    >
      {outcomes && (
        <List
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          header={<Typography.Text strong>{t('appointments.checkIn.results')}</Typography.Text>}
          dataSource={outcomes}
          renderItem={(o) => (
            <List.Item data-testid="check-in-result">
              <Typography.Text>{o.label}</Typography.Text>
              {o.result.appointmentId ? (
                <span>
                  <Tag color={o.result.status === 'arrived' ? 'green' : 'gold'}>{t(`appointments.moveIn.status.${(o.result.status ?? 'arrived') as 'arrived'}`)}</Tag>
                  {o.result.arrival && o.result.arrival !== 'on_time' && <Tag color="orange">{t(`appointments.moveIn.arrival.${o.result.arrival as 'early'}`)}</Tag>}
                  {o.result.status === 'waiting' && <Typography.Text type="secondary">{t('appointments.checkIn.waitsForLeader')}</Typography.Text>}
                </span>
              ) : (
                <Tag color="red">{codeText(o.result.code ?? '', t)}</Tag>
              )}
            </List.Item>
          )}
        />
      )}
      {(!outcomes || problem) && (
        <Form<Values> id={formId} form={form} layout="vertical" onFinish={submit} initialValues={{ via: access.desk ? 'desk' : 'hall', parties: [{}] }}>
          <Form.Item name="via" label={t('appointments.checkIn.via')}>
            <Radio.Group
              options={[
                { value: 'desk', label: t('appointments.checkIn.desk'), disabled: !access.desk },
                { value: 'hall', label: t('appointments.checkIn.hall'), disabled: !access.hall },
              ]}
            />
          </Form.Item>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col span={7}>
                      <Form.Item name={[field.name, 'noticeNo']} label={i === 0 ? t('appointments.checkIn.noticeNo') : undefined}>
                        <Input aria-label={t('appointments.checkIn.noticeNoOf', { n: i + 1 })} maxLength={40} placeholder="RZ-0001" />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'unitId']} label={i === 0 ? t('appointments.checkIn.orUnit') : undefined}>
                        <UnitSelect aria-label={t('appointments.checkIn.unitOf', { n: i + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={[field.name, 'ownerName']} label={i === 0 ? t('appointments.checkIn.ownerName') : undefined}>
                        <Input aria-label={t('appointments.checkIn.ownerNameOf', { n: i + 1 })} maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col span={2} style={{ paddingTop: i === 0 ? 30 : 4 }}>
                      {fields.length > 1 && <MinusCircleOutlined aria-label={t('appointments.checkIn.removeParty')} onClick={() => remove(field.name)} />}
                    </Col>
                  </Row>
                ))}
                {fields.length < 10 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('appointments.checkIn.addParty')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      )}
    </FormModal>
  );
}
