import { Col, Flex, Row } from 'antd';
import { useMe } from '../../auth/me';
import { ClockCard } from './ClockCard';
import { MonthCalendar } from './MonthCalendar';
import { MyRequests } from './MyRequests';
import { PinCard } from './PinCard';

/** Everyone's own attendance: clock in and out, the month at a glance, requests, the kiosk PIN. */
export function MyAttendancePage() {
  const me = useMe();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9} xxl={8}>
        <Flex vertical gap={16}>
          <ClockCard />
          <PinCard />
        </Flex>
      </Col>
      <Col xs={24} xl={15} xxl={16}>
        <MonthCalendar userId={me.id} />
      </Col>
      <Col span={24}>
        <MyRequests />
      </Col>
    </Row>
  );
}
