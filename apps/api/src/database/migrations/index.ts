import { Platform1764000000000 } from './1764000000000-platform.js';

/** Every migration, in order (ESM builds cannot rely on glob loading). */
export const MIGRATIONS = [Platform1764000000000];
