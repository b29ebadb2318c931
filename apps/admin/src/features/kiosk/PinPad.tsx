import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** A large numeric pad for the PIN (4–8 digits). */
export function PinPad({ value, onChange, disabled }: { value: string; onChange: (pin: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') onChange('');
    else if (key === 'back') onChange(value.slice(0, -1));
    else if (value.length < 8) onChange(value + key);
  };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 10 }}>
      {KEYS.map((key) => (
        <Button
          key={key}
          size="large"
          disabled={disabled}
          onClick={() => press(key)}
          aria-label={key === 'clear' ? t('kiosk.clear') : key === 'back' ? t('kiosk.backspace') : key}
          style={{ height: 60, width: '100%', fontSize: key.length === 1 ? 24 : 16, fontWeight: 500 }}
          icon={key === 'back' ? <ArrowLeftOutlined /> : undefined}
        >
          {key === 'clear' ? t('kiosk.clear') : key === 'back' ? null : key}
        </Button>
      ))}
    </div>
  );
}
