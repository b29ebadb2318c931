export * from './policy.js';
export * from './order.js';
export * from './units.js';
