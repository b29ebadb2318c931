export * from './policy.js';
export * from './intake.js';
export * from './business-time.js';
export * from './sla.js';
export * from './follow-up.js';
export * from './lifecycle.js';
export * from './statistics.js';
export * from './follow-up-report.js';
