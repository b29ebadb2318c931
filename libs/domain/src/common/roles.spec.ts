import { checkApprover, routeApproval } from './approval.js';
import { DomainError } from './errors.js';
import { atOrAbove, nextLevelUp } from './roles.js';

const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'none';
};

describe('GEN-6 approvals', () => {
  it('refuses self-approval', () => {
    expect(code(() => checkApprover({ requesterId: 'm', approverRole: 'manager' }, { userId: 'm', roles: ['manager'] }))).toBe('SELF_APPROVAL_FORBIDDEN');
  });
  it('refuses a manager correcting their own record', () => {
    expect(code(() => checkApprover({ requesterId: 'x', subjectUserId: 'm', approverRole: 'manager' }, { userId: 'm', roles: ['manager'] }))).toBe(
      'SELF_APPROVAL_FORBIDDEN',
    );
  });
  it('refuses an approver without the role and accepts one above it', () => {
    expect(code(() => checkApprover({ requesterId: 'c', approverRole: 'manager' }, { userId: 's', roles: ['supervisor'] }))).toBe('APPROVER_ROLE_REQUIRED');
    expect(code(() => checkApprover({ requesterId: 'c', approverRole: 'manager' }, { userId: 'd', roles: ['director'] }))).toBe('none');
  });
  it('routes a request the requester could approve themselves to the next level up', () => {
    expect(routeApproval(['consultant'], 'manager')).toBe('manager');
    expect(routeApproval(['manager'], 'manager')).toBe('director');
    expect(routeApproval(['consultant', 'supervisor'], 'supervisor')).toBe('manager');
  });
  it('keeps non-hierarchical roles exact', () => {
    expect(atOrAbove(['manager'], 'developer_approver')).toBe(false);
    expect(atOrAbove(['developer_approver'], 'developer_approver')).toBe(true);
  });
  it('knows the next level up', () => {
    expect(nextLevelUp(['consultant'])).toBe('supervisor');
    expect(nextLevelUp(['supervisor'])).toBe('manager');
    expect(nextLevelUp(['admin'])).toBe('admin');
  });
});
