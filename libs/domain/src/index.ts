export * from './common/errors.js';
export * from './common/roles.js';
export * from './common/money.js';
export * from './common/time.js';
export * from './common/phone.js';
export * from './common/approval.js';
export * from './common/handover.js';
export * from './common/discipline.js';
