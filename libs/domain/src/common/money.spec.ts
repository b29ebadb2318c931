import { fen, formatFen, yuan } from './money.js';

describe('GEN-5 money in fen', () => {
  it('converts yuan to whole fen', () => {
    expect(yuan(50)).toBe(5000);
    expect(yuan(0.1 + 0.2)).toBe(30);
  });
  it('refuses fractions of a fen and unsafe numbers', () => {
    expect(() => fen(1.5)).toThrow(RangeError);
    expect(() => fen(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
  it('formats CNY', () => {
    expect(formatFen(fen(123450))).toBe('¥1,234.50');
  });
});
