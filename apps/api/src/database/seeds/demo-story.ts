import { DEMO_PASSWORD, demoLogin } from './demo.js';

/** An answer the story did not expect: which step, and the API's problem. */
export class DemoStoryError extends Error {}

type Json = Record<string, any>;

/**
 * A working morning on the demo sites, told through the running API as its people would (`npm start`,
 * first run): a leave request waiting for approval, walk-ins and calls registered, an agency's reports, a unit held and subscribed, complaints
 * at three stages, vehicles in the workshop and at the estimate, tomorrow's service bookings and a
 * property repair ticket. Everything passes the same validation, rules and audit trail as a person's
 * work; the attendance history comes from `seedDemoActivity`. Told once: skipped when the sales office
 * has customers.
 */
export async function playDemoStory(baseUrl: string, log: (m: string) => void = () => {}): Promise<boolean> {
  const tokens = new Map<string, string>();
  const call = async (who: string, method: string, path: string, body?: unknown, expected = [200, 201]): Promise<Json> => {
    let token = tokens.get(who);
    if (!token) {
      const signIn = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: demoLogin(who), password: DEMO_PASSWORD }) });
      if (signIn.status !== 200) throw new DemoStoryError(`${who} cannot sign in: ${signIn.status}`);
      token = ((await signIn.json()) as { accessToken: string }).accessToken;
      tokens.set(who, token);
    }
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new DemoStoryError(`${who}: ${method} ${path} answered ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  };
  const post = (who: string, path: string, body: unknown = {}) => call(who, 'POST', path, body);
  const get = (who: string, path: string) => call(who, 'GET', path);

  const admin = await get('admin', '/me');
  const site = (code: string): string => {
    const s = admin.sites?.find((x: { code: string }) => x.code === code) ?? undefined;
    if (!s) throw new DemoStoryError(`the admin does not see the site ${code}`);
    return s.siteId;
  };
  const sales = site('demo-sales');
  const service = site('demo-service');
  if ((await get('manager', `/clients/customers?siteId=${sales}&pageSize=1`)).items.length > 0) return false;
  const userId = async (who: string) => (await get(who, '/me')).id as string;
  const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const shanghaiDate = (daysAhead: number) => new Date(Date.now() + 8 * 3_600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);

  // Attendance (ATT-7): a consultant asks for a day of annual leave next week; it waits for the approvers (GEN-6).
  const leaveDay = shanghaiDate(5);
  await post('consultant2', '/attendance/leave-requests', {
    siteId: sales,
    type: 'annual',
    from: new Date(`${leaveDay}T00:00:00+08:00`).toISOString(),
    to: new Date(`${leaveDay}T23:59:00+08:00`).toISOString(),
    reason: '孩子学校开家长会',
  });

  // Client attribution (CA): the reception desk's morning, a consultant's calls, an agency's reports.
  const consultants = [await userId('consultant'), await userId('consultant2')];
  const walkIns = [
    ['王建国', '13812345601', 'A'],
    ['陈晓燕', '13812345602', 'B'],
    ['刘洋', '13812345603', 'B'],
    ['赵敏', '13812345604', 'C'],
    ['孙立平', '13812345605', 'A'],
  ] as const;
  const customers: string[] = [];
  for (const [i, [name, phone]] of walkIns.entries()) {
    const visit = await post('receptionist', '/clients/visits', { siteId: sales, name, phone, consultantId: consultants[i % 2], mentionedAgency: false, kind: 'walk_in' });
    customers.push(visit.customerId);
  }
  for (const [i, [, , grade]] of walkIns.entries()) {
    await post(i % 2 === 0 ? 'consultant' : 'consultant2', `/clients/customers/${customers[i]}/follow-ups`, { channel: 'phone', content: '介绍了 1 栋的户型和首付方案，约周末带家人再来看样板间', grade, nextStep: '周末回访' });
  }
  for (const [name, phone] of [['周先生', '13912345611'], ['吴女士', '13912345612'], ['郑先生', '13912345613']]) {
    await post('consultant', '/clients/calls', { siteId: sales, name, phone, grade: 'C', media: '网络广告' });
  }
  await post('partner', '/partner/reports', { siteId: sales, customerName: '黄女士', phone: '13712345621', expectedVisitAt: hoursFromNow(26) });
  await post('partner', '/partner/reports', { siteId: sales, customerName: '林先生', phone: '13712345622', expectedVisitAt: hoursFromNow(50) });
  await post('partner2', '/partner/reports', { siteId: sales, customerName: '何先生', phone: '13712345623', expectedVisitAt: hoursFromNow(28) });

  // Reservation (RES): the manager holds two units; one is subscribed and paid at the cashier.
  const available = (await get('manager', `/units?siteId=${sales}&status=available&building=${encodeURIComponent('1栋')}&pageSize=50`)).items as Json[];
  const [first, second] = available.filter((u) => u.floor >= 6);
  const subscribed = await post('manager', `/units/${first.id}/holds`, { customerId: customers[0] });
  await post('consultant', `/unit-orders/${subscribed.id}/subscription`, { priceFen: first.listPriceFen, subscriptionFen: 2_000_000, agreementNo: 'RG-DEMO-0001' });
  await post('cashier', `/unit-orders/${subscribed.id}/payments`, { kind: 'subscription', amountFen: 2_000_000, receiptNo: 'SJ-DEMO-0001' });
  await post('manager', `/units/${second.id}/holds`, { customerId: customers[4] });

  // Complaints (CMP): one written online and waiting to be taken, one answered by phone with a promised reply, one settled on the spot.
  await post('cs_agent', '/complaints', { siteId: sales, channel: 'online', complainantName: '陈晓燕', contact: '13812345602', content: '样板间开放时间和电话里说的不一致，白跑一趟', subjectType: 'none', importantCustomer: false });
  const answered = await post('cs_agent', '/complaints', { siteId: sales, channel: 'phone', complainantName: '刘洋', contact: '13812345603', content: '认筹后一直没有人联系我确认选房时间', subjectType: 'none', importantCustomer: false });
  await post('cs_agent', `/complaints/${answered.id}/triage`, { classification: { kind: 'complaint', validity: 'valid', category: 'service', severity: 'normal' } });
  await post('cs_agent', `/complaints/${answered.id}/respond`, { message: '非常抱歉，已转销售经理核实，明天上午 10 点前给您回复', promisedReplyAt: hoursFromNow(20) });
  const settled = await post('cs_agent', '/complaints', { siteId: sales, channel: 'visit', complainantName: '赵敏', contact: '13812345604', content: '停车场没有指引，找不到访客车位', subjectType: 'none', importantCustomer: false });
  await post('cs_agent', `/complaints/${settled.id}/triage`, { classification: { kind: 'grumble', validity: 'valid', category: 'service', severity: 'minor' } });
  await post('cs_agent', `/complaints/${settled.id}/settle-on-the-spot`, { resolution: '当场带客户到访客车位，并在入口加放指示牌', customerAccepted: true, signature: '赵敏' });

  // Repair orders (RO) at the service centre: one car in the workshop, one at the estimate, one just in.
  const technician = await userId('technician');
  const vehicleFile = async (name: string, phone: string, model: string, plate: string, odometerKm: number, workDone: string) =>
    post('service_advisor', '/vehicles', { siteId: service, name, phone, address: '上海市浦东新区世纪大道 100 号', visitDate: shanghaiDate(0), vehicle: { model, plate, type: 'car', odometerKm }, workDone, wishes: null });
  const line = (id: string, description: string, system: string, labourHundredths: number, part: Json | null) => ({ id, description, system, labourHundredths, part, team: 'mechanical' });
  const inWorkshop = await post('service_advisor', '/repair-orders', { vehicleId: (await vehicleFile('马先生', '13612345631', '大众 帕萨特', '沪A·D1234', 58_200, '4 万公里保养')).id, category: 'maintenance' });
  const estimate = await post('service_advisor', `/repair-orders/${inWorkshop.id}/estimate`, {
    lines: [line('L1', '更换前制动片', 'brakes', 120, { supplier: 'workshop', origin: 'oem', priceFen: 68_000, name: '前制动片' }), line('L2', '更换机油机滤', 'engine', 50, { supplier: 'workshop', origin: 'oem', priceFen: 42_000, name: '机油机滤套装' })],
    promisedAt: hoursFromNow(4),
  });
  await post('service_advisor', `/repair-orders/${inWorkshop.id}/sign`, { signer: '马先生', version: estimate.version });
  await post('service_advisor', `/repair-orders/${inWorkshop.id}/check-in`, {
    documents: { received: ['行驶证', '保养手册'] },
    inspection: { exterior: '右前保险杠轻微擦痕', interior: '正常', instruments: '保养提示灯亮', anomalies: ['右前保险杠擦痕'] },
    belongings: { items: ['行车记录仪', '雨伞'], signedBy: '马先生' },
    fuelPercent: 40,
    odometerKm: 58_230,
  });
  await post('service_advisor', `/repair-orders/${inWorkshop.id}/dispatch`, { target: { kind: 'team', team: 'mechanical' }, receiverId: technician, receiverName: '冯技师' });
  const atEstimate = await post('service_advisor', '/repair-orders', { vehicleId: (await vehicleFile('何女士', '13612345632', '丰田 凯美瑞', '沪B·K5678', 91_500, '空调不制冷')).id, category: 'repair' });
  await post('service_advisor', `/repair-orders/${atEstimate.id}/estimate`, { lines: [line('L1', '空调系统检漏、加注冷媒', 'air_conditioning', 150, { supplier: 'workshop', origin: 'oem', priceFen: 36_000, name: 'R134a 冷媒' })], promisedAt: hoursFromNow(6) });
  await post('service_advisor', '/repair-orders', { vehicleId: (await vehicleFile('高先生', '13612345633', '本田 雅阁', '沪C·M9012', 23_400, '首次保养')).id, category: 'maintenance' });

  // Service appointments (RES-9) for tomorrow, and a property repair ticket from the call centre (RO-11).
  for (const [time, customerName, customerPhone, vehiclePlate, vehicleModel, work, n] of [
    ['09:30', '许先生', '13512345641', '沪A88123', '别克 君越', '10 万公里大保养', 1],
    ['13:30', '冯女士', '13512345642', '沪D66321', '日产 轩逸', '更换轮胎', 2],
  ] as const) {
    await post('service_advisor', '/service-appointments', { siteId: service, date: shanghaiDate(1), time, customerName, customerPhone, vehiclePlate, vehicleModel, work, partsFen: 0, depositFen: 0, formNo: `YY-DEMO-000${n}`, signedBy: customerName });
  }
  await post('cs_agent', '/repair-tickets', { siteId: sales, problem: '样板间卫生间水龙头漏水', address: '样板间 1栋 801', name: '周前台', phone: '13812345699', category: 'water', readBack: { problem: true, address: true, name: true, phone: true } });

  log('demo story told through the API: a leave request, 8 customers and 3 agency reports, 2 units held (1 subscribed and paid), 3 complaints, 3 repair orders, 2 service bookings for tomorrow, 1 repair ticket');
  return true;
}
