import { decideHandover, takeFirstContact } from './handover.js';
import { missingFieldFine } from './discipline.js';
import { fen } from './money.js';

describe('GEN-10 first-contact responsibility', () => {
  it('makes the first taker the owner and keeps them', () => {
    const first = takeFirstContact({ ownerId: null }, 'a');
    expect(first.ownerId).toBe('a');
    expect(takeFirstContact(first, 'b').ownerId).toBe('a');
  });
  it('lets the owner hand over with a reason', () => {
    expect(decideHandover({ ownerId: 'a' }, { actorId: 'a', actorRoles: ['cs_agent'], toUserId: 'b', reason: 'shift ends' })).toEqual({ from: 'a', to: 'b' });
  });
  it('refuses a colleague taking it over, a hand-over without reason, and a hand-over to the owner', () => {
    expect(() => decideHandover({ ownerId: 'a' }, { actorId: 'c', actorRoles: ['cs_agent'], toUserId: 'c', reason: 'mine now' })).toThrow('GEN-10');
    expect(() => decideHandover({ ownerId: 'a' }, { actorId: 'a', actorRoles: [], toUserId: 'b', reason: ' ' })).toThrow('reason');
    expect(() => decideHandover({ ownerId: 'a' }, { actorId: 's', actorRoles: ['supervisor'], toUserId: 'a', reason: 'x' })).toThrow('already');
  });
  it('lets a supervisor reassign', () => {
    expect(decideHandover({ ownerId: 'a' }, { actorId: 's', actorRoles: ['supervisor'], toUserId: 'b', reason: 'a is on leave' }).to).toBe('b');
  });
});

describe('GEN-11 missing fields are fined per blank', () => {
  it('counts each blank required field', () => {
    const r = missingFieldFine({ name: '王', phone: ' ', source: null, grade: 'A' }, ['name', 'phone', 'source', 'grade', 'note'], fen(1000));
    expect(r.missing).toEqual(['phone', 'source', 'note']);
    expect(r.amountFen).toBe(3000);
  });
});
