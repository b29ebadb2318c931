import { DomainError } from '../common/errors.js';
import { allocateKeyTag, keyTagConflicts, validateKeyCabinet } from './key-tags.js';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};
const cabinet = ['K01', 'K02', 'K03'];

describe('RO-5 key tags: never two open orders on one tag', () => {
  it('gives the first free tag of the cabinet', () => {
    expect(allocateKeyTag(cabinet, [], 'o1')).toBe('K01');
    expect(allocateKeyTag(cabinet, [{ orderId: 'o1', keyTag: 'K01' }, { orderId: 'o2', keyTag: 'K03' }], 'o3')).toBe('K02');
  });
  it('a requested tag must be in the cabinet and free', () => {
    expect(allocateKeyTag(cabinet, [{ orderId: 'o1', keyTag: 'K01' }], 'o2', 'K03')).toBe('K03');
    expect(code(() => allocateKeyTag(cabinet, [{ orderId: 'o1', keyTag: 'K01' }], 'o2', 'K01'))).toBe('RO_KEY_TAG_IN_USE');
    expect(code(() => allocateKeyTag(cabinet, [], 'o2', 'K99'))).toBe('RO_KEY_TAG_UNKNOWN');
  });
  it('a full cabinet refuses', () => {
    const open = cabinet.map((keyTag, i) => ({ orderId: `o${i}`, keyTag }));
    expect(code(() => allocateKeyTag(cabinet, open, 'new'))).toBe('RO_KEY_CABINET_FULL');
  });
  it('an order that already holds a tag keeps it (retried check-in), and may move to a free one', () => {
    const open = [{ orderId: 'o1', keyTag: 'K02' }];
    expect(allocateKeyTag(cabinet, open, 'o1')).toBe('K02');
    expect(allocateKeyTag(cabinet, open, 'o1', 'K03')).toBe('K03');
  });
  it('reports tags held by two open orders', () => {
    expect(keyTagConflicts([{ orderId: 'a', keyTag: 'K1' }, { orderId: 'b', keyTag: 'K1' }, { orderId: 'c', keyTag: 'K2' }])).toEqual([{ keyTag: 'K1', orderIds: ['a', 'b'] }]);
  });
  it('validates the cabinet', () => {
    expect(validateKeyCabinet(['K1', 'K1', 'bad tag'])).toEqual([
      { field: 'tags[1]', message: 'each tag once' },
      { field: 'tags[2]', message: 'letters, digits and -, up to 20' },
    ]);
    expect(validateKeyCabinet([])).toHaveLength(1);
  });
});
