import { VEHICLE_TYPES } from '@sitedesk/domain';
import { Alert, Button, Col, Divider, Form, Input, InputNumber, List, Modal, Row, Select, Space, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { VehicleFileDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteToday } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { repairProblemText } from '../problems';
import { useCreateVehicleFile, useOpenRepairOrder, useVehicleFiles } from '../queries';

export const CATEGORIES = ['maintenance', 'repair', 'accident', 'warranty', 'other'];

/** What the desk knows when it opens the dialog (an appointment of today). */
export interface NewOrderSeed {
  plate?: string;
  name?: string;
  model?: string | null;
  work?: string;
}

interface Values {
  name?: string;
  address?: string;
  phone?: string;
  model?: string;
  plate?: string;
  type?: string;
  odometerKm?: number;
  workDone?: string;
  wishes?: string;
  category?: string;
}

/**
 * Opens a repair order (RO-1, RO-2): find the vehicle's file by plate, or make the customer and
 * vehicle file (name, address, phone, model, plate, type, odometer, work, wishes), then open the
 * order in a repair category; the advisor who opens it owns it (GEN-10).
 */
export function NewOrderModal({ seed, onClose }: { seed: NewOrderSeed | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const navigate = useNavigate();
  const formId = useId();
  const [form] = Form.useForm<Values>();
  const [plate, setPlate] = useState('');
  const [chosen, setChosen] = useState<VehicleFileDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const files = useVehicleFiles(site.siteId, plate, seed !== null && plate.trim().length >= 2);
  const createFile = useCreateVehicleFile();
  const open = useOpenRepairOrder();

  useEffect(() => {
    if (!seed) return;
    setPlate(seed.plate ?? '');
    setChosen(null);
    setProblem(null);
    form.setFieldsValue({ plate: seed.plate, name: seed.name, model: seed.model ?? undefined, workDone: seed.work, type: 'car', category: 'maintenance' });
  }, [seed, form]);

  const close = () => {
    setProblem(null);
    setChosen(null);
    onClose();
  };

  const submit = async (v: Values) => {
    setProblem(null);
    try {
      let vehicleId = chosen?.id;
      if (!vehicleId) {
        const file = await createFile.mutateAsync({
          body: {
            siteId: site.siteId,
            name: (v.name ?? '').trim(),
            address: (v.address ?? '').trim(),
            phone: (v.phone ?? '').trim(),
            visitDate: siteToday(site.timeZone),
            vehicle: { model: (v.model ?? '').trim(), plate: (v.plate ?? '').trim(), type: (v.type ?? 'car') as 'car', odometerKm: v.odometerKm ?? 0 },
            workDone: (v.workDone ?? '').trim(),
            wishes: v.wishes?.trim() || null,
          },
        });
        vehicleId = file.id;
        setChosen(file);
      }
      const order = await open.mutateAsync({ body: { vehicleId, category: v.category ?? 'maintenance' } });
      close();
      void navigate(`/repair-orders/${order.id}`);
    } catch (e) {
      const p = e as Problem;
      setProblem(p);
      showFieldErrors(form, p);
    }
  };

  const required = { required: true, whitespace: true, message: t('repairOrders.cmd.required') };
  const matches = files.data?.items ?? [];
  return (
    <Modal
      open={seed !== null}
      title={t('repairOrders.desk.newOrder')}
      okText={t('repairOrders.desk.openOrder')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: createFile.isPending || open.isPending }}
      onCancel={close}
      width={720}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={repairProblemText(problem, t)} style={{ marginBottom: 16 }} data-testid="command-problem" data-code={problem.code} />}
      <Input.Search placeholder={t('repairOrders.desk.findPlate')} value={plate} onChange={(e) => setPlate(e.target.value)} allowClear aria-label={t('repairOrders.desk.findPlate')} />
      {plate.trim().length >= 2 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={matches}
          locale={{ emptyText: t('repairOrders.desk.noFile') }}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="use" size="small" type={chosen?.id === f.id ? 'primary' : 'default'} onClick={() => setChosen(chosen?.id === f.id ? null : f)}>
                  {chosen?.id === f.id ? t('repairOrders.desk.fileChosen') : t('repairOrders.desk.useFile')}
                </Button>,
              ]}
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {f.plate} · {f.name}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {f.model} · {f.odometerKm} km · {t('repairOrders.desk.nextService', { date: f.nextService.dueDate ?? '—' })}
                  {f.serviceDue ? ` · ${t('repairOrders.desk.serviceDue')}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Form<Values> id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve style={{ marginTop: 12 }}>
        {!chosen && (
          <>
            <Divider plain>{t('repairOrders.desk.newFile')}</Divider>
            <Row gutter={8}>
              <Col span={8}>
                <Form.Item name="name" label={t('repairOrders.field.name')} rules={[required]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="phone" label={t('repairOrders.field.phone')} rules={[required]}>
                  <Input maxLength={30} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="plate" label={t('repairOrders.field.plate')} rules={[required]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="address" label={t('repairOrders.field.address')} rules={[required]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="model" label={t('repairOrders.field.model')} rules={[required]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="type" label={t('repairOrders.field.type')} rules={[{ required: true }]}>
                  <Select options={VEHICLE_TYPES.map((v) => ({ value: v, label: t(`repairOrders.vehicleType.${v}`) }))} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="odometerKm" label={t('repairOrders.cmd.odometerKm')} rules={[{ required: true, message: t('repairOrders.cmd.required') }]}>
                  <InputNumber min={0} max={5_000_000} addonAfter="km" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="workDone" label={t('repairOrders.field.workDone')} rules={[required]}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="wishes" label={t('repairOrders.cmd.wishes')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Form.Item name="category" label={t('repairOrders.field.category')} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`repairOrders.category.${c}` as 'repairOrders.category.maintenance') }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
