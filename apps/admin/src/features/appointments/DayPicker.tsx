import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { addDays, type LocalDate } from '@sitedesk/domain';
import { Button, DatePicker, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** A day of the site: the previous / next day, a calendar, and "today" / "tomorrow". */
export function DayPicker({ value, onChange, today, allowTomorrow = false }: { value: LocalDate; onChange: (date: LocalDate) => void; today: LocalDate; allowTomorrow?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space.Compact>
      <Tooltip title={t('appointments.day.previous')}>
        <Button aria-label={t('appointments.day.previous')} icon={<LeftOutlined />} onClick={() => onChange(addDays(value, -1))} />
      </Tooltip>
      <DatePicker aria-label={t('appointments.day.pick')} allowClear={false} value={dayjs(value)} onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))} />
      <Tooltip title={t('appointments.day.next')}>
        <Button aria-label={t('appointments.day.next')} icon={<RightOutlined />} onClick={() => onChange(addDays(value, 1))} />
      </Tooltip>
      <Button type={value === today ? 'primary' : 'default'} onClick={() => onChange(today)}>
        {t('appointments.day.today')}
      </Button>
      {allowTomorrow && (
        <Button type={value === addDays(today, 1) ? 'primary' : 'default'} onClick={() => onChange(addDays(today, 1))}>
          {t('appointments.day.tomorrow')}
        </Button>
      )}
    </Space.Compact>
  );
}
