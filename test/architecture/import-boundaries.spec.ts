import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The dependency rules of docs/architecture.md, checked on every import:
 * - a plugin imports only @portico/plugin-sdk (plus Node built-ins, @nestjs/common
 *   and its own files);
 * - a lib reaches another lib only through its public alias (`@portico/<lib>`),
 *   never through a relative path into it or a deep path;
 * - libs never import apps (libs/testing, which boots the app, excepted).
 */
const root = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

const isBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s);
const area = (file: string) => relative(root, file).split(sep).slice(0, 2).join('/'); // e.g. libs/core

/** The rule broken by one import, or null. `file` is absolute; `top/unit` its area. */
export function judge(top: string, unit: string, file: string, spec: string): string | null {
  const here = relative(root, file);
  const isSpec = file.endsWith('.spec.ts');
  if (isBuiltin(spec)) return null;
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec);
    const allowed =
      area(target) === `${top}/${unit}` || (here.startsWith('libs/testing/') && relative(root, target).startsWith('apps/api/src/create-app'));
    return allowed ? null : `${here}: relative import "${spec}" leaves ${top}/${unit}`;
  }
  if (top === 'plugins') {
    const ok =
      spec === '@portico/plugin-sdk' ||
      spec === '@nestjs/common' ||
      (isSpec && (spec === '@portico/plugin-sdk/testing' || spec === '@nestjs/testing'));
    return ok ? null : `${here}: a plugin may import only @portico/plugin-sdk, not "${spec}"`;
  }
  if (!spec.startsWith('@portico/')) return null;
  const [, name, ...deep] = spec.split('/');
  if (name === unit) return `${here}: imports its own lib through "${spec}"`;
  if (spec === '@portico/plugin-sdk/testing') {
    return isSpec || here.startsWith('libs/testing/') ? null : `${here}: production code imports the conformance kit`;
  }
  return deep.length ? `${here}: deep import "${spec}"; use the lib's index` : null;
}

function violations(): string[] {
  const problems: string[] = [];
  for (const top of ['plugins', 'libs']) {
    for (const unit of readdirSync(join(root, top))) {
      for (const file of tsFiles(join(root, top, unit))) {
        for (const spec of importsOf(file)) {
          const problem = judge(top, unit, file, spec);
          if (problem) problems.push(problem);
        }
      }
    }
  }
  return problems;
}

describe('import boundaries', () => {
  it('hold for every plugin and lib', () => {
    expect(violations()).toEqual([]);
  });

  it('catch a plugin reaching past the SDK, a lib reaching into another, and deep imports', () => {
    const plugin = join(root, 'plugins/storage-local/local.module.ts');
    const lib = join(root, 'libs/identity/src/setup.controller.ts');
    expect(judge('plugins', 'storage-local', plugin, '@portico/core')).toMatch(/may import only @portico\/plugin-sdk/);
    expect(judge('plugins', 'storage-local', plugin, 'typeorm')).toMatch(/may import only/);
    expect(judge('libs', 'identity', lib, '../../core/src/tenancy/request-context.js')).toMatch(/leaves libs\/identity/);
    expect(judge('libs', 'identity', lib, '@portico/core/tenancy')).toMatch(/deep import/);
    expect(judge('libs', 'identity', lib, '@portico/plugin-sdk/testing')).toMatch(/conformance kit/);
    expect(judge('libs', 'identity', lib, '@portico/core')).toBeNull();
    expect(judge('plugins', 'storage-local', plugin, '@portico/plugin-sdk')).toBeNull();
  });
});
