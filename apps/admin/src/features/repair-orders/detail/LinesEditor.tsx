import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EstimateLineDto } from '../../../api/generated';

/** One line as the form holds it: hours and yuan as people type them. */
export interface LineValues {
  description?: string;
  system?: string;
  hours?: number;
  supplier?: 'none' | 'workshop' | 'customer';
  origin?: 'oem' | 'aftermarket';
  partName?: string;
  partYuan?: number;
  team?: string;
}

export const SYSTEMS = ['engine', 'brakes', 'steering', 'suspension', 'transmission', 'airbag', 'electrical', 'body', 'tyres', 'air_conditioning', 'maintenance', 'other'];
export const TEAMS = ['mechanical', 'electrical', 'body', 'paint'];

/** RO-3: a customer-supplied part, or an aftermarket part on a critical system, carries no guarantee. */
export const withoutGuarantee = (l: LineValues, critical: readonly string[]) =>
  l.supplier === 'customer' || (l.supplier === 'workshop' && l.origin === 'aftermarket' && critical.includes(l.system ?? ''));

/** The form's lines as the API takes them (labour in hundredths of an hour, prices in fen). */
export const toLines = (lines: LineValues[] | undefined, idOf: (i: number) => string): EstimateLineDto[] =>
  (lines ?? []).map((l, i) => ({
    id: idOf(i),
    description: (l.description ?? '').trim(),
    system: l.system ?? '',
    labourHundredths: Math.round((l.hours ?? 0) * 100),
    part:
      l.supplier && l.supplier !== 'none'
        ? { supplier: l.supplier, origin: l.origin ?? 'oem', name: (l.partName ?? '').trim(), priceFen: l.supplier === 'customer' ? 0 : Math.round((l.partYuan ?? 0) * 100) }
        : null,
    team: l.team ?? '',
  }));

export const NEW_LINE: LineValues = { supplier: 'none', origin: 'oem', team: 'mechanical', hours: 1 };

/**
 * RO-3 estimate lines: description, system, labour hours, the part (none, the workshop's OEM or
 * aftermarket, or the customer's own) and the team (RO-6). A line without guarantee shows the
 * disclaimer the order will carry.
 */
export function LinesEditor({ form, critical }: { form: FormInstance; critical: readonly string[] }) {
  const { t } = useTranslation();
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  const required = { required: true, message: t('repairOrders.cmd.required') };
  const noGuarantee = lines.some((l) => l && withoutGuarantee(l, critical));
  return (
    <>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => {
              const l = lines[i] ?? {};
              return (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid="estimate-line" title={t('repairOrders.cmd.lineN', { n: i + 1 })} extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('repairOrders.cmd.removeLine')} />}>
                  <Row gutter={8}>
                    <Col span={24}>
                      <Form.Item name={[field.name, 'description']} label={t('repairOrders.cmd.lineDescription')} rules={[{ ...required, whitespace: true }]}>
                        <Input maxLength={500} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'system']} label={t('repairOrders.cmd.system')} rules={[required]}>
                        <Select showSearch optionFilterProp="label" options={SYSTEMS.map((s) => ({ value: s, label: `${t(`repairOrders.system.${s}` as 'repairOrders.system.other')}${critical.includes(s) ? ' *' : ''}` }))} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'hours']} label={t('repairOrders.cmd.hours')} rules={[required]}>
                        <InputNumber min={0} max={1000} step={0.1} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'team']} label={t('repairOrders.cmd.team')} rules={[required]}>
                        <Select options={TEAMS.map((s) => ({ value: s, label: t(`repairOrders.team.${s}` as 'repairOrders.team.mechanical') }))} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'supplier']} label={t('repairOrders.cmd.part')}>
                        <Select options={(['none', 'workshop', 'customer'] as const).map((s) => ({ value: s, label: t(`repairOrders.supplier.${s}`) }))} />
                      </Form.Item>
                    </Col>
                    {l.supplier === 'workshop' && (
                      <Col span={8}>
                        <Form.Item name={[field.name, 'origin']} label={t('repairOrders.cmd.origin')}>
                          <Select options={(['oem', 'aftermarket'] as const).map((s) => ({ value: s, label: t(`repairOrders.origin.${s}`) }))} />
                        </Form.Item>
                      </Col>
                    )}
                    {l.supplier && l.supplier !== 'none' && (
                      <Col span={8}>
                        <Form.Item name={[field.name, 'partName']} label={t('repairOrders.cmd.partName')} rules={[{ ...required, whitespace: true }]}>
                          <Input maxLength={100} />
                        </Form.Item>
                      </Col>
                    )}
                    {l.supplier === 'workshop' && (
                      <Col span={8}>
                        <Form.Item name={[field.name, 'partYuan']} label={t('repairOrders.cmd.partPrice')} rules={[required]}>
                          <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                    )}
                  </Row>
                  {withoutGuarantee(l, critical) && <Alert type="warning" showIcon title={t('repairOrders.cmd.lineNoGuarantee')} data-testid="line-no-guarantee" />}
                </Card>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_LINE })} style={{ marginBottom: 16 }}>
              {t('repairOrders.cmd.addLine')}
            </Button>
          </>
        )}
      </Form.List>
      {noGuarantee && <Alert type="warning" showIcon title={t('repairOrders.cmd.disclaimerWillPrint')} style={{ marginBottom: 16 }} />}
    </>
  );
}
