import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { toFen, toYuanInput } from '../money';
import { ReservationProblem } from '../problems';
import { useCreateUnit, useUpdateUnit } from '../queries';

interface Values {
  building: string;
  number: string;
  floor: number;
  layout: string;
  areaM2: string;
  listPriceFen: string;
}

const AREA = /^\d{1,6}(\.\d{1,2})?$/;

/** RES-1: a unit added to the inventory, or edited (manager, clerk). Field names are the API's, so its errors land on them. */
export function UnitFormModal({ unit, onClose }: { unit?: UnitDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const create = useCreateUnit();
  const update = useUpdateUnit();

  const onFinish = async (v: Values) => {
    setProblem(null);
    const fields = { building: v.building.trim(), number: v.number.trim(), floor: v.floor, layout: v.layout.trim(), areaM2: Number(v.areaM2), listPriceFen: toFen(v.listPriceFen) ?? 0 };
    try {
      if (unit) await update.mutateAsync({ path: { id: unit.id }, body: fields });
      else await create.mutateAsync({ body: { siteId: site.siteId, ...fields } });
      message.success(t(unit ? 'reservation.units.saved' : 'reservation.units.created', { building: fields.building, number: fields.number }));
      onClose();
    } catch (e) {
      setProblem(e as Problem);
      showFieldErrors(form, e as Problem);
    }
  };

  const required = { required: true, whitespace: true, message: t('reservation.form.required') };
  return (
    <Modal
      open
      title={unit ? t('reservation.units.editTitle', { building: unit.building, number: unit.number }) : t('reservation.units.createTitle')}
      okText={t('common.save')}
      okButtonProps={{ loading: create.isPending || update.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ReservationProblem problem={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={unit ? { ...unit, areaM2: String(unit.areaM2), listPriceFen: toYuanInput(unit.listPriceFen) } : undefined}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item name="building" label={t('reservation.fields.building')} rules={[required]}>
          <Input maxLength={40} placeholder="1栋" />
        </Form.Item>
        <Form.Item name="number" label={t('reservation.fields.number')} rules={[required]}>
          <Input maxLength={40} placeholder="1-1201" />
        </Form.Item>
        <Form.Item name="floor" label={t('reservation.fields.floor')} rules={[{ required: true, message: t('reservation.form.required') }]}>
          <InputNumber min={-10} max={200} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="layout" label={t('reservation.fields.layout')} rules={[required]}>
          <Input maxLength={60} placeholder="3室2厅2卫" />
        </Form.Item>
        <Form.Item
          name="areaM2"
          label={t('reservation.fields.area')}
          rules={[required, { validator: (_, v) => (!v || (AREA.test(String(v).trim()) && Number(v) > 0) ? Promise.resolve() : Promise.reject(new Error(t('reservation.form.areaInvalid')))) }]}
        >
          <Input inputMode="decimal" suffix="㎡" maxLength={10} />
        </Form.Item>
        <Form.Item
          name="listPriceFen"
          label={t('reservation.fields.listPrice')}
          rules={[required, { validator: (_, v) => (!v || (toFen(v as string) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('reservation.form.amountInvalid')))) }]}
        >
          <Input inputMode="decimal" prefix="¥" suffix={t('reservation.form.yuan')} maxLength={16} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
