export * from './policy.js';
export * from './order.js';
export * from './units.js';
export * from './appointments.js';
export * from './move-in.js';
