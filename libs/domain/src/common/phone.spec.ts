import { maskPhone, normalizePhone } from './phone.js';

describe('CA-1 phone normalization', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['+852 9123 4567', '+85291234567'],
  ])('normalizes %s', (raw, want) => expect(normalizePhone(raw)).toBe(want));

  it.each(['12812345678', '1381234567', 'abc', '', '+86123'])('rejects %s', (raw) => expect(normalizePhone(raw)).toBeNull());
});

describe('GEN-7 masked phone for partners', () => {
  it('shows the first three and the last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
