import { DomainError } from '../common/errors.js';
import { businessCalendar } from './business-time.js';
import type { ComplaintIntake } from './intake.js';
import {
  COMPLAINT_STATES,
  COMPLAINT_TRANSITIONS,
  complaintLevelAt,
  decideComplaint,
  openComplaint,
  type ComplaintActor,
  type ComplaintCommand,
  type ComplaintContext,
  type ComplaintDecision,
  type ComplaintSnapshot,
} from './lifecycle.js';
import { DEFAULT_COMPLAINT_POLICY as policy } from './policy.js';

const t = (iso: string) => new Date(iso);
const cal = businessCalendar(policy, 'Asia/Shanghai'); // 09:00–18:00 every day
const ctx = (iso: string): ComplaintContext => ({ policy, calendar: cal, now: t(iso) });
// Monday 2 March 2026, 10:00 in Shanghai.
const T0 = '2026-03-02T02:00:00Z';

const agent: ComplaintActor = { userId: 'agent', roles: ['cs_agent'] };
const agent2: ComplaintActor = { userId: 'agent2', roles: ['cs_agent'] };
const sup: ComplaintActor = { userId: 'sup', roles: ['supervisor'] };
const sup2: ComplaintActor = { userId: 'sup2', roles: ['supervisor'] };
const mgr: ComplaintActor = { userId: 'mgr', roles: ['manager'] };

const intake: ComplaintIntake = { channel: 'visit', complainantName: '李女士', contact: '13900001111', content: '置业顾问态度恶劣', subjectType: 'staff', subjectRef: 'consultant1', importantCustomer: false };
const opened = (over: Partial<ComplaintIntake> = {}) => openComplaint({ id: 'C-1', intake: { ...intake, ...over } }, agent, ctx(T0)).complaint;

const run = (c: ComplaintSnapshot, cmd: ComplaintCommand, actor: ComplaintActor, at = T0): ComplaintDecision => decideComplaint(c, cmd, actor, ctx(at));
const fails = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as DomainError).code, kind: (e as DomainError).kind };
  }
  return { code: 'ok', kind: null };
};

const valid = { kind: 'complaint', validity: 'valid', category: 'service', severity: 'normal' } as const;
const triaged = (c = opened()) => run(c, { type: 'triage', classification: valid }, agent).complaint;
const investigating = () => run(triaged(), { type: 'investigate', investigatorId: 'sup' }, agent).complaint;
const proposal = {
  type: 'propose',
  findings: '顾问接待时玩手机，语气生硬',
  cause: '服务态度',
  proposals: [
    { id: 'p1', text: '顾问当面道歉' },
    { id: 'p2', text: '更换顾问并赠送物业费' },
  ],
  responsibleStaff: [{ userId: 'consultant1', departmentHeadId: 'head1' }],
} as const satisfies ComplaintCommand;
const proposed = () => run(investigating(), { ...proposal, proposals: [...proposal.proposals], responsibleStaff: [...proposal.responsibleStaff] }, sup).complaint;
const approved = () => run(proposed(), { type: 'approve', proposalId: 'p1' }, mgr).complaint;
const resolveCmd: ComplaintCommand = { type: 'resolve', implementation: '顾问已道歉', customerAccepted: true, signature: '李女士', feedback: '满意' };
const resolved = () => run(approved(), resolveCmd, agent).complaint;
const answers = { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '' } as const;

describe('CMP-1 + GEN-10 intake: registered at once, owned by whoever took it', () => {
  it('starts received, owned by the receiver, with the first-response clock running', () => {
    const d = openComplaint({ id: 'C-1', intake }, agent, ctx(T0));
    expect(d.complaint).toMatchObject({ state: 'received', ownerId: 'agent', receivedBy: 'agent', baseLevel: 0 });
    expect(d.complaint.clocks).toEqual([{ key: 'first_response', kind: 'first_response', startedAt: t(T0), targetMinutes: 30, promisedAt: null, stoppedAt: null }]);
    expect(d.effects).toEqual([{ type: 'event', name: 'complaint.received', data: { ownerId: 'agent', level: 0 } }]);
  });
  it('refuses an incomplete entry and a partner', () => {
    expect(fails(() => openComplaint({ id: 'C-1', intake: { ...intake, content: '' } }, agent, ctx(T0)))).toEqual({ code: 'COMPLAINT_INTAKE_INVALID', kind: 'invalid' });
    expect(fails(() => openComplaint({ id: 'C-1', intake }, { userId: 'p', roles: ['partner'] }, ctx(T0))).code).toBe('FORBIDDEN');
  });
  it('an important customer starts at the manager (CMP-5)', () => {
    expect(opened({ importantCustomer: true }).baseLevel).toBe(2);
  });
});

describe('CMP-9 life cycle: each transition with its state, data and role', () => {
  it('runs received → triaged → investigating → proposed → approved → resolved → followed_up → closed', () => {
    let c = opened();
    const steps: [ComplaintCommand, ComplaintActor, string][] = [
      [{ type: 'triage', classification: valid }, agent, 'triaged'],
      [{ type: 'investigate', investigatorId: 'sup' }, agent, 'investigating'],
      [{ ...proposal, proposals: [...proposal.proposals], responsibleStaff: [...proposal.responsibleStaff] }, sup, 'proposed'],
      [{ type: 'approve', proposalId: 'p2', comment: '同意' }, mgr, 'approved'],
      [resolveCmd, agent, 'resolved'],
      [{ type: 'record_follow_up', answers }, sup, 'followed_up'],
      [{ type: 'close', summary: '顾客满意，已培训顾问' }, sup, 'closed'],
    ];
    for (const [cmd, actor, state] of steps) {
      c = run(c, cmd, actor).complaint;
      expect(c.state).toBe(state);
    }
    expect(c.approval).toMatchObject({ proposalId: 'p2', approverId: 'mgr', comment: '同意' });
    expect(c.investigation).toMatchObject({ department: 'sales', investigatorId: 'sup', cause: '服务态度' });
    expect(c.closedAt).toEqual(t(T0));
  });

  it('a wrong transition is a conflict with a stable code, for every state the command is not allowed in', () => {
    for (const state of COMPLAINT_STATES) {
      for (const [type, allowed] of Object.entries(COMPLAINT_TRANSITIONS)) {
        if (allowed.includes(state)) continue;
        const r = fails(() => run({ ...resolved(), state }, { type } as ComplaintCommand, mgr));
        expect({ state, type, ...r }).toEqual({ state, type, code: 'COMPLAINT_TRANSITION_NOT_ALLOWED', kind: 'conflict' });
      }
    }
    expect(fails(() => run(opened(), { type: 'delete' } as never, mgr)).code).toBe('COMPLAINT_COMMAND_UNKNOWN');
    expect(fails(() => run(opened(), { type: 'toString' } as never, mgr)).code).toBe('COMPLAINT_COMMAND_UNKNOWN');
    expect(fails(() => run(opened(), null as never, mgr)).code).toBe('COMPLAINT_COMMAND_UNKNOWN');
  });

  it('each step needs its data (400), listing the missing fields', () => {
    expect(fails(() => run(triaged(), { type: 'investigate', investigatorId: '' }, agent))).toEqual({ code: 'COMPLAINT_DATA_REQUIRED', kind: 'invalid' });
    expect(fails(() => run(investigating(), { ...proposal, proposals: [], responsibleStaff: [] }, sup)).code).toBe('COMPLAINT_DATA_REQUIRED');
    const dup = [
      { id: 'p1', text: 'a' },
      { id: 'p1', text: 'b' },
    ];
    expect(fails(() => run(investigating(), { ...proposal, proposals: dup, responsibleStaff: [] }, sup)).code).toBe('COMPLAINT_DATA_REQUIRED');
    expect(fails(() => run(proposed(), { type: 'approve', proposalId: 'p9' }, mgr)).code).toBe('COMPLAINT_PROPOSAL_UNKNOWN');
    expect(fails(() => run(approved(), { ...resolveCmd, signature: ' ' } as ComplaintCommand, agent)).code).toBe('COMPLAINT_DATA_REQUIRED');
    expect(fails(() => run(approved(), { ...resolveCmd, customerAccepted: false } as ComplaintCommand, agent))).toEqual({ code: 'COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED', kind: 'unprocessable' });
    expect(fails(() => run(resolved(), { type: 'record_follow_up', answers: { ...answers, score: 11 } }, sup)).code).toBe('FOLLOW_UP_ANSWERS_INVALID');
  });

  it('CMP-4: the approver is a supervisor or above, never the proposer nor a person at fault (GEN-6)', () => {
    const byAgent = run(investigating(), { ...proposal, proposals: [...proposal.proposals] }, agent).complaint;
    expect(fails(() => run(byAgent, { type: 'approve', proposalId: 'p1' }, agent2))).toEqual({ code: 'APPROVER_ROLE_REQUIRED', kind: 'forbidden' });
    expect(fails(() => run(byAgent, { type: 'approve', proposalId: 'p1' }, agent))).toEqual({ code: 'SELF_APPROVAL_FORBIDDEN', kind: 'forbidden' });
    expect(run(byAgent, { type: 'approve', proposalId: 'p1' }, sup2).complaint.state).toBe('approved');
    const againstSup2 = run(investigating(), { ...proposal, proposals: [...proposal.proposals], responsibleStaff: [{ userId: 'sup2', departmentHeadId: null }] }, agent).complaint;
    expect(fails(() => run(againstSup2, { type: 'approve', proposalId: 'p1' }, sup2)).code).toBe('SELF_APPROVAL_FORBIDDEN');
    expect(run(againstSup2, { type: 'approve', proposalId: 'p1' }, sup).complaint.state).toBe('approved');
  });

  it('GEN-6: a supervisor’s proposal goes one level up, to the manager', () => {
    expect(proposed().proposedByRoles).toEqual(['supervisor']);
    expect(fails(() => run(proposed(), { type: 'approve', proposalId: 'p1' }, sup))).toEqual({ code: 'SELF_APPROVAL_FORBIDDEN', kind: 'forbidden' });
    expect(fails(() => run(proposed(), { type: 'approve', proposalId: 'p1' }, sup2))).toEqual({ code: 'APPROVER_ROLE_REQUIRED', kind: 'forbidden' });
    expect(run(proposed(), { type: 'approve', proposalId: 'p1' }, mgr).complaint.approval?.approverId).toBe('mgr');
  });

  it('CMP-4/CMP-5: a complaint at the manager level is approved by a manager', () => {
    const major = run(opened(), { type: 'triage', classification: { ...valid, severity: 'major' } }, agent);
    expect(major.effects).toContainEqual({ type: 'escalation', fromLevel: 0, toLevel: 2, role: 'manager', reason: 'classification', at: t(T0) });
    let c = run(major.complaint, { type: 'investigate', investigatorId: 'sup' }, agent).complaint;
    c = run(c, { ...proposal, proposals: [...proposal.proposals], responsibleStaff: [] }, agent).complaint;
    expect(fails(() => run(c, { type: 'approve', proposalId: 'p1' }, sup2)).code).toBe('APPROVER_ROLE_REQUIRED');
    expect(run(c, { type: 'approve', proposalId: 'p1' }, mgr).complaint.state).toBe('approved');
  });

  it('the approver may send the proposals back; the customer may decline the approved one', () => {
    expect(run(proposed(), { type: 'send_back', comment: '方案不够' }, mgr).complaint.state).toBe('investigating');
    expect(fails(() => run(proposed(), { type: 'send_back', comment: '方案不够' }, sup2)).code).toBe('APPROVER_ROLE_REQUIRED');
    expect(fails(() => run(proposed(), { type: 'send_back', comment: '' }, mgr)).code).toBe('COMPLAINT_DATA_REQUIRED');
    const declined = run(approved(), { type: 'customer_declined', reason: '要求赔偿' }, agent).complaint;
    expect(declined).toMatchObject({ state: 'investigating', approval: null });
  });
});

describe('CMP-2 invalid complaints end rejected with the reply given', () => {
  const invalid = { ...valid, kind: 'grumble', validity: 'invalid' } as const;
  it('needs the polite reply', () => {
    expect(fails(() => run(opened(), { type: 'triage', classification: invalid }, agent)).code).toBe('COMPLAINT_DATA_REQUIRED');
  });
  it('ends rejected, the first response given, nothing more allowed', () => {
    const c = run(opened(), { type: 'triage', classification: invalid, reply: '积分规则为公司统一政策，感谢您的建议' }, agent).complaint;
    expect(c).toMatchObject({ state: 'rejected', rejectionReply: '积分规则为公司统一政策，感谢您的建议', firstRespondedAt: t(T0) });
    expect(c.clocks[0].stoppedAt).toEqual(t(T0));
    expect(fails(() => run(c, { type: 'respond', message: 'x' }, agent)).code).toBe('COMPLAINT_TRANSITION_NOT_ALLOWED');
  });
  it('a valid grumble is owed no resolution clock and may be settled on the spot', () => {
    const g = run(opened(), { type: 'triage', classification: { ...valid, kind: 'grumble' } }, agent).complaint;
    expect(g.clocks.map((k) => k.kind)).toEqual(['first_response']);
    const d = run(g, { type: 'settle_on_the_spot', resolution: '已解释并致歉', customerAccepted: true, signature: '李女士' }, agent);
    expect(d.complaint).toMatchObject({ state: 'resolved', resolution: { onTheSpot: true } });
    expect(d.effects.some((e) => e.type === 'follow_up_task')).toBe(true);
  });
});

describe('CMP-3 first response and the promised reply time', () => {
  it('stops the first-response clock and starts a clock on the promise', () => {
    const c = run(opened(), { type: 'respond', message: '抱歉，明天上午十点前答复您', promisedReplyAt: t('2026-03-03T02:00:00Z') }, agent, '2026-03-02T02:10:00Z').complaint;
    expect(c.firstRespondedAt).toEqual(t('2026-03-02T02:10:00Z'));
    expect(c.clocks).toEqual([
      expect.objectContaining({ key: 'first_response', stoppedAt: t('2026-03-02T02:10:00Z') }),
      expect.objectContaining({ key: 'promised_reply:1', kind: 'promised_reply', promisedAt: t('2026-03-03T02:00:00Z'), stoppedAt: null }),
    ]);
    // The next reply keeps the promise; a new promise gets its own clock.
    const again = run(c, { type: 'respond', message: '正在调查', promisedReplyAt: t('2026-03-04T02:00:00Z') }, agent, '2026-03-03T01:00:00Z').complaint;
    expect(again.clocks.map((k) => [k.key, k.stoppedAt?.toISOString() ?? null])).toEqual([
      ['first_response', '2026-03-02T02:10:00.000Z'],
      ['promised_reply:1', '2026-03-03T01:00:00.000Z'],
      ['promised_reply:2', null],
    ]);
  });
  it('refuses a promise in the past and an empty message', () => {
    expect(fails(() => run(opened(), { type: 'respond', message: 'x', promisedReplyAt: t(T0) }, agent)).code).toBe('COMPLAINT_PROMISE_IN_PAST');
    expect(fails(() => run(opened(), { type: 'respond', message: '' }, agent)).code).toBe('COMPLAINT_DATA_REQUIRED');
  });
  it('triage sets the first-response target of the category and severity and starts the resolution clock from receipt', () => {
    const c = run(opened(), { type: 'triage', classification: { ...valid, severity: 'minor' } }, agent).complaint;
    expect(c.clocks).toEqual([
      expect.objectContaining({ key: 'first_response', targetMinutes: 60 }),
      expect.objectContaining({ key: 'resolution:1', startedAt: t(T0), targetMinutes: 5 * 9 * 60 }),
    ]);
  });
});

describe('CMP-5 escalation', () => {
  it('an unanswered complaint is at the supervisor from the breach instant (GEN-8), and the supervisor may then act', () => {
    const c = opened(); // first response due 10:30
    expect(complaintLevelAt(c, ctx('2026-03-02T02:29:59.999Z')).level).toBe(0);
    expect(complaintLevelAt(c, ctx('2026-03-02T02:30:00Z'))).toMatchObject({ level: 1, role: 'supervisor' });
  });
  it('by hand: one level up with a reason; at the top it is a conflict', () => {
    const d = run(opened(), { type: 'escalate', reason: '顾客要求见主管' }, agent);
    expect(d.effects).toContainEqual({ type: 'escalation', fromLevel: 0, toLevel: 1, role: 'supervisor', reason: 'manual', at: t(T0) });
    const top = run(d.complaint, { type: 'escalate', reason: '重大' }, sup).complaint;
    expect(complaintLevelAt(top, ctx(T0)).level).toBe(2);
    expect(fails(() => run(top, { type: 'escalate', reason: 'more' }, mgr))).toEqual({ code: 'COMPLAINT_AT_TOP_LEVEL', kind: 'conflict' });
    expect(fails(() => run(opened(), { type: 'escalate', reason: '' }, agent)).code).toBe('COMPLAINT_DATA_REQUIRED');
  });
  it('a supervisor works on a complaint at their level, not on one at the manager level', () => {
    expect(run(opened(), { type: 'respond', message: '您好' }, sup).complaint.firstRespondedAt).toEqual(t(T0));
    expect(fails(() => run(opened({ importantCustomer: true }), { type: 'respond', message: '您好' }, sup))).toEqual({ code: 'NOT_RESPONSIBLE', kind: 'forbidden' });
    expect(run(opened({ importantCustomer: true }), { type: 'respond', message: '您好' }, mgr).complaint.firstRespondedAt).toEqual(t(T0));
  });
});

describe('GEN-10 the first taker owns the complaint until an explicit hand-over', () => {
  it('refuses a colleague of the owner', () => {
    expect(fails(() => run(opened(), { type: 'respond', message: '您好' }, agent2))).toEqual({ code: 'NOT_RESPONSIBLE', kind: 'forbidden' });
    expect(fails(() => run(opened(), { type: 'hand_over', toUserId: 'agent2', reason: '我来' }, agent2)).code).toBe('NOT_RESPONSIBLE');
  });
  it('the owner hands over with a reason; from then the new owner works on it and the old one does not', () => {
    expect(fails(() => run(opened(), { type: 'hand_over', toUserId: 'agent2', reason: ' ' }, agent)).code).toBe('HANDOVER_REASON_REQUIRED');
    const d = run(opened(), { type: 'hand_over', toUserId: 'agent2', reason: '下班交接' }, agent);
    expect(d.complaint.ownerId).toBe('agent2');
    expect(d.effects).toContainEqual({ type: 'handover', from: 'agent', to: 'agent2', reason: '下班交接' });
    expect(run(d.complaint, { type: 'respond', message: '您好' }, agent2).complaint.firstRespondedAt).toEqual(t(T0));
    expect(fails(() => run(d.complaint, { type: 'respond', message: '您好' }, agent)).code).toBe('NOT_RESPONSIBLE');
  });
  it('an online complaint has no owner until someone takes it; the first taker keeps it', () => {
    const online = openComplaint({ id: 'C-2', intake: { ...intake, channel: 'online' } }, null, ctx(T0)).complaint;
    expect(online).toMatchObject({ ownerId: null, receivedBy: null, channel: 'online' });
    expect(fails(() => run(online, { type: 'respond', message: '您好' }, agent)).code).toBe('NOT_RESPONSIBLE');
    expect(fails(() => run(online, { type: 'take' }, { userId: 'c1', roles: ['consultant'] })).code).toBe('COMPLAINT_ROLE_REQUIRED');
    const taken = run(online, { type: 'take' }, agent2);
    expect(taken.complaint.ownerId).toBe('agent2');
    expect(taken.ruleIds).toEqual(['GEN-10']);
    expect(fails(() => run(taken.complaint, { type: 'take' }, agent))).toEqual({ code: 'COMPLAINT_ALREADY_OWNED', kind: 'conflict' });
  });
  it('escalation does not move ownership', () => {
    const c = run(opened(), { type: 'escalate', reason: '超出权限' }, agent).complaint;
    expect(c.ownerId).toBe('agent');
  });
});

describe('CMP-3/CMP-5 waiting on the customer pauses the clocks', () => {
  it('records the pause and its end; the deadline moves by the paused business time', () => {
    const waiting = run(opened(), { type: 'wait_for_customer', reason: '等顾客提供照片' }, agent, '2026-03-02T02:10:00Z').complaint;
    expect(waiting.pauses).toEqual([{ from: t('2026-03-02T02:10:00Z'), to: null }]);
    expect(complaintLevelAt(waiting, ctx('2026-03-02T05:00:00Z')).level).toBe(0); // paused: no breach
    expect(fails(() => run(waiting, { type: 'wait_for_customer', reason: 'again' }, agent)).code).toBe('COMPLAINT_ALREADY_WAITING');
    const back = run(waiting, { type: 'customer_responded' }, agent, '2026-03-02T03:10:00Z').complaint; // an hour later
    expect(back.pauses).toEqual([{ from: t('2026-03-02T02:10:00Z'), to: t('2026-03-02T03:10:00Z') }]);
    // Due 10:30 + 60 minutes of waiting = 11:30.
    expect(complaintLevelAt(back, ctx('2026-03-02T03:29:59Z')).level).toBe(0);
    expect(complaintLevelAt(back, ctx('2026-03-02T03:30:00Z')).level).toBe(1);
    expect(fails(() => run(back, { type: 'customer_responded' }, agent)).code).toBe('COMPLAINT_NOT_WAITING');
  });
});

describe('CMP-6 an upheld complaint issues a violation slip to the person at fault (GEN-9)', () => {
  it('a slip for the staff member and the policy entry for their department head, at approval', () => {
    const d = run(proposed(), { type: 'approve', proposalId: 'p1' }, mgr);
    const drafts = d.effects.filter((e) => e.type === 'discipline').map((e) => (e as { draft: unknown }).draft);
    expect(drafts).toEqual([
      expect.objectContaining({ userId: 'consultant1', kind: 'violation_slip', ruleId: 'CMP-6', sourceModule: 'complaint', sourceRef: 'C-1' }),
      expect.objectContaining({ userId: 'head1', kind: 'warning_slip', ruleId: 'CMP-6' }),
    ]);
    expect(d.ruleIds).toEqual(expect.arrayContaining(['CMP-6', 'GEN-9']));
  });
  it('no slip when nobody is at fault, for a grumble, or for the department head when the policy says none', () => {
    const noFault = run(investigating(), { ...proposal, proposals: [...proposal.proposals], responsibleStaff: [] }, sup).complaint;
    expect(run(noFault, { type: 'approve', proposalId: 'p1' }, mgr).effects.filter((e) => e.type === 'discipline')).toEqual([]);
    const grumble = run(opened(), { type: 'triage', classification: { ...valid, kind: 'grumble' } }, agent).complaint;
    let g = run(grumble, { type: 'investigate', investigatorId: 'sup' }, agent).complaint;
    g = run(g, { ...proposal, proposals: [...proposal.proposals], responsibleStaff: [...proposal.responsibleStaff] }, sup).complaint;
    expect(run(g, { type: 'approve', proposalId: 'p1' }, mgr).effects.filter((e) => e.type === 'discipline')).toEqual([]);
    const lenient = { ...policy, discipline: { ...policy.discipline, departmentHeadKind: null } };
    const d = decideComplaint(proposed(), { type: 'approve', proposalId: 'p1' }, mgr, { ...ctx(T0), policy: lenient });
    expect(d.effects.filter((e) => e.type === 'discipline')).toHaveLength(1);
  });
});

describe('CMP-7 / CMP-10 follow-up after resolution', () => {
  it('resolution plans the call for the supervisor within 3 days, outside rest hours', () => {
    const d = run(approved(), resolveCmd, agent, '2026-03-02T13:30:00Z'); // 21:30 local
    const task = d.effects.find((e) => e.type === 'follow_up_task');
    // +24 h = Tuesday 21:30, a rest hour → Wednesday 09:00.
    expect(task).toEqual({ type: 'follow_up_task', task: { plannedAt: t('2026-03-04T01:00:00Z'), dueBy: t('2026-03-05T13:30:00Z'), assigneeRole: 'supervisor', bookedByCustomer: false, outsideWindow: false } });
    expect(d.complaint.clocks.every((k) => k.stoppedAt !== null)).toBe(true);
  });
  it('only the caller role records the call; a busy customer books a later time, never in rest hours', () => {
    expect(fails(() => run(resolved(), { type: 'record_follow_up', answers }, agent))).toEqual({ code: 'COMPLAINT_ROLE_REQUIRED', kind: 'forbidden' });
    expect(fails(() => run(resolved(), { type: 'book_follow_up', at: t('2026-03-03T14:00:00Z') }, sup)).code).toBe('FOLLOW_UP_IN_REST_HOURS'); // 22:00
    const booked = run(resolved(), { type: 'book_follow_up', at: t('2026-03-03T07:00:00Z') }, sup); // 15:00
    expect(booked.complaint.followUp).toMatchObject({ plannedAt: t('2026-03-03T07:00:00Z'), bookedByCustomer: true });
    expect(booked.complaint.state).toBe('resolved');
    // A customer who works nights has their own rest hours.
    const nights = run(resolved(), { type: 'book_follow_up', at: t('2026-03-03T14:00:00Z'), customerRestHours: [{ start: '08:00', end: '16:00' }] }, sup);
    expect(nights.complaint.followUp?.plannedAt).toEqual(t('2026-03-03T14:00:00Z'));
  });
  it('a score of 6 reopens the complaint one level up with a new resolution clock', () => {
    const d = run(resolved(), { type: 'record_follow_up', answers: { ...answers, score: 6 } }, sup, '2026-03-03T02:00:00Z');
    expect(d.complaint).toMatchObject({ state: 'reopened', reopenCount: 1, followUp: null });
    expect(d.effects).toContainEqual({ type: 'escalation', fromLevel: 0, toLevel: 1, role: 'supervisor', reason: 'reopen', at: t('2026-03-03T02:00:00Z') });
    expect(d.complaint.clocks.at(-1)).toMatchObject({ key: 'resolution:2', startedAt: t('2026-03-03T02:00:00Z'), stoppedAt: null });
    expect(d.ruleIds).toContain('CMP-10');
    // reopened → investigating again (CMP-9)
    expect(run(d.complaint, { type: 'investigate', investigatorId: 'sup' }, agent).complaint.state).toBe('investigating');
  });
  it('the reopening goes one level above the level the complaint had reached, breaches included', () => {
    // Resolved on Tuesday 12:00 after the first response was late (breach on Monday 10:30: supervisor level).
    let c = run(opened(), { type: 'triage', classification: valid }, agent, '2026-03-02T02:40:00Z').complaint;
    c = run(c, { type: 'investigate', investigatorId: 'sup' }, agent, '2026-03-02T02:45:00Z').complaint;
    c = run(c, { ...proposal, proposals: [...proposal.proposals], responsibleStaff: [] }, agent, '2026-03-02T03:00:00Z').complaint;
    c = run(c, { type: 'approve', proposalId: 'p1' }, sup, '2026-03-02T03:10:00Z').complaint;
    c = run(c, resolveCmd, agent, '2026-03-03T04:00:00Z').complaint;
    expect(complaintLevelAt(c, ctx('2026-03-04T04:00:00Z')).level).toBe(1);
    const d = run(c, { type: 'record_follow_up', answers: { ...answers, score: 2 } }, sup, '2026-03-04T04:00:00Z');
    expect(d.effects).toContainEqual({ type: 'escalation', fromLevel: 1, toLevel: 2, role: 'manager', reason: 'reopen', at: t('2026-03-04T04:00:00Z') });
  });
  it('"not solved" reopens even with a good score; 7 and solved does not', () => {
    expect(run(resolved(), { type: 'record_follow_up', answers: { ...answers, score: 10, solved: false } }, sup).complaint.state).toBe('reopened');
    expect(run(resolved(), { type: 'record_follow_up', answers: { ...answers, score: 7 } }, sup).complaint.state).toBe('followed_up');
  });
  it('a closed complaint may be reopened by hand by the closer role, with a reason', () => {
    let c = run(resolved(), { type: 'record_follow_up', answers }, sup).complaint;
    c = run(c, { type: 'close', summary: '结案' }, sup).complaint;
    expect(fails(() => run(c, { type: 'reopen', reason: '顾客再次来电' }, agent)).code).toBe('COMPLAINT_ROLE_REQUIRED');
    const r = run(c, { type: 'reopen', reason: '顾客再次来电' }, sup).complaint;
    expect(r).toMatchObject({ state: 'reopened', closedAt: null, reopenCount: 1 });
  });
});

describe('CMP-9 bad input is a domain error with a stable code, never a crash, and changes nothing', () => {
  it('every command with no data at all, in a state that allows it', () => {
    const byState: Partial<Record<string, ComplaintSnapshot>> = {
      received: opened(),
      triaged: triaged(),
      investigating: investigating(),
      proposed: proposed(),
      approved: approved(),
      resolved: resolved(),
      followed_up: run(resolved(), { type: 'record_follow_up', answers }, sup).complaint,
      reopened: run(resolved(), { type: 'reopen', reason: 'x' }, sup).complaint,
    };
    for (const [type, states] of Object.entries(COMPLAINT_TRANSITIONS)) {
      const c = byState[states[0]]!;
      const before = structuredClone(c);
      let error: unknown = null;
      try {
        decideComplaint(c, { type } as ComplaintCommand, mgr, ctx(T0));
      } catch (e) {
        error = e;
      }
      expect({ type, isDomainError: error instanceof DomainError, kind: (error as DomainError)?.kind }).toEqual({ type, isDomainError: true, kind: expect.stringMatching(/^(invalid|unprocessable|conflict)$/) });
      expect(c).toEqual(before);
    }
  });
});
