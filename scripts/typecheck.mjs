// Type-checks every project that has a tsconfig (tsc --noEmit). Used by `npm test` and `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TSCONFIGS = ['libs/domain/tsconfig.json', 'apps/api/tsconfig.json', 'apps/admin/tsconfig.json', 'apps/admin/test/tsconfig.json'];

export function typecheck() {
  const found = TSCONFIGS.filter((p) => fs.existsSync(path.join(root, p)));
  for (const p of found) {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', p, '--noEmit'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`type errors in ${p}`);
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(`type-checked ${typecheck().join(', ')}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
