/** Writes the dashboard page to dist/web, where the bundled server (dist/server/main.js) serves it from. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWeb } from '../web/build';

const out = path.resolve(import.meta.dirname, '../dist/web');
const files = await buildWeb();
rmSync(out, { recursive: true, force: true });
for (const [file, contents] of files) {
  mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  writeFileSync(path.join(out, file), contents);
}
console.log(`dist/web: ${files.size} files`);
