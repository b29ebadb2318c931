export * from './policy.js';
export * from './phone-pattern.js';
export * from './reports.js';
export * from './ownership.js';
export * from './rotation.js';
export * from './follow-up.js';
export * from './conversion.js';
