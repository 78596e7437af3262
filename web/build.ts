/**
 * Builds the dashboard page with esbuild: web/src/main.ts (and the CSS it imports) bundled and
 * minified, the icon copied, every asset named by its content hash, and web/index.html filled in
 * with those names. Returns the files by their path under the site root; `npm run build` writes
 * them to dist/web, and the server built from sources serves them from memory.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Files by their path relative to the site root: 'index.html', 'assets/main-XXXXXXXX.js', ... */
export type WebFiles = Map<string, Uint8Array>;

const root = import.meta.dirname;

export async function buildWeb(): Promise<WebFiles> {
  // Loaded here, not at the top: the bundled server imports this module lazily and must not need
  // esbuild (a devDependency) at start.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    outdir: 'assets',
    entryNames: '[name]-[hash]',
    write: false,
    logLevel: 'silent',
  });
  const files: WebFiles = new Map();
  for (const output of result.outputFiles) files.set(path.relative(root, output.path), output.contents);
  const named = (extension: string) => {
    const name = [...files.keys()].find((file) => file.startsWith('assets/main-') && file.endsWith(extension));
    if (!name) throw new Error(`esbuild produced no ${extension} file`);
    return `/${name}`;
  };

  const icon = readFileSync(path.join(root, 'src/icon.svg'));
  const iconName = `assets/icon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
  files.set(iconName, icon);

  const html = readFileSync(path.join(root, 'index.html'), 'utf8')
    .replace('%ICON%', `/${iconName}`)
    .replace('%CSS%', named('.css'))
    .replace('%JS%', named('.js'));
  files.set('index.html', new TextEncoder().encode(html));
  return files;
}
