import { fen } from '../common/money.js';
import { CALL_FORM_FIELDS, checkRegistration, VISIT_RECORD_FIELDS } from './registration.js';

describe('GEN-11 registration forms', () => {
  it('a complete call register costs nothing', () => {
    expect(checkRegistration({ name: '王先生', grade: 'B', media: '朋友介绍' }, CALL_FORM_FIELDS, fen(1000))).toEqual({ blankFields: [], fineFen: 0 });
  });

  it('each blank field of the call register is the policy fine (10 yuan per blank by default)', () => {
    expect(checkRegistration({ name: ' ', grade: null, media: 'Outdoor ad' }, CALL_FORM_FIELDS, fen(1000))).toEqual({ blankFields: ['name', 'grade'], fineFen: 2000 });
  });

  it('the visit record is the receiving consultant\'s: grade, how they heard of the site, and needs', () => {
    expect(checkRegistration({ grade: 'A', media: '', needs: undefined }, VISIT_RECORD_FIELDS, fen(1000))).toEqual({ blankFields: ['media', 'needs'], fineFen: 2000 });
  });

  it('a site that fines nothing still reports the blanks', () => {
    expect(checkRegistration({}, CALL_FORM_FIELDS, fen(0))).toEqual({ blankFields: ['name', 'grade', 'media'], fineFen: 0 });
  });
});
