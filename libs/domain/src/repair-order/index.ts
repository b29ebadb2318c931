export * from './policy.js';
export * from './vehicle.js';
export * from './estimate.js';
export * from './key-tags.js';
export * from './lifecycle.js';
export * from './tickets.js';
export * from './follow-up.js';
export * from './statistics.js';
