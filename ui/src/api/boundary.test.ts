// @vitest-environment node
// Guards the one-importer rule: only src/api may touch @tauri-apps, so the rest of the UI can be
// tested with IPC mocked in one place and never grows a second path to the backend.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const API = join(SRC, 'api') + sep;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
  });
}

describe('import boundary', () => {
  it('finds the source tree it is guarding', () => {
    const files = sourceFiles(SRC).map((f) => relative(SRC, f));
    expect(files, 'the scan should see App.svelte and the api module').toEqual(
      expect.arrayContaining(['App.svelte', join('api', 'index.ts')]),
    );
  });

  it('no file outside src/api mentions @tauri-apps/', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !f.startsWith(API))
      .filter((f) => readFileSync(f, 'utf8').includes('@tauri-apps/'))
      .map((f) => relative(SRC, f));
    expect(offenders, 'these files must go through src/api instead of importing @tauri-apps').toEqual([]);
  });
});
