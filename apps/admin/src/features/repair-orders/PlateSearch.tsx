import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The search by a part of the plate above the module's lists; `onSearch` gets what was typed (the API normalizes it). */
export function PlateSearch({ onSearch }: { onSearch: (plate: string) => void }) {
  const { t } = useTranslation();
  return <Input.Search allowClear placeholder={t('repairOrders.field.plate')} style={{ width: 160 }} onSearch={onSearch} />;
}
