import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The dependency rules of docs/architecture.md, checked on every import:
 * - a plugin imports only @portico/plugin-sdk (plus Node built-ins, @nestjs/common,
 *   its own files and the third-party packages its `plugin.json` declares); its
 *   specs also the test kits (@portico/plugin-sdk/testing, @nestjs/testing,
 *   @portico/testing) and the packages declared under `devDependencies`;
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
/** The package an import names: `@aws-sdk/client-s3` for `@aws-sdk/client-s3/x`, `lodash` for `lodash/fp`. */
const packageOf = (s: string) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/');

/**
 * `plugins/<name>/plugin.json`: the third-party packages a plugin may import
 * (`dependencies`), and those its specs may import besides (`devDependencies`).
 * Versions live in the root package.json; a plugin without the file may import none.
 */
export interface PluginManifest {
  dependencies?: string[];
  devDependencies?: string[];
}

const manifests = new Map<string, PluginManifest>();
function manifestOf(unit: string): PluginManifest {
  let manifest = manifests.get(unit);
  if (!manifest) {
    const file = join(root, 'plugins', unit, 'plugin.json');
    manifest = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PluginManifest) : {};
    manifests.set(unit, manifest);
  }
  return manifest;
}

/** Problems with a plugin's manifest: only installed third-party packages, production ones installed as such. */
export function manifestProblems(unit: string, manifest: PluginManifest, rootPackage: { dependencies?: object; devDependencies?: object }): string[] {
  const problems: string[] = [];
  const production = Object.keys(rootPackage.dependencies ?? {});
  const development = [...production, ...Object.keys(rootPackage.devDependencies ?? {})];
  for (const [field, installed] of [['dependencies', production], ['devDependencies', development]] as const) {
    for (const name of manifest[field] ?? []) {
      if (name.startsWith('@portico/') || name.startsWith('@nestjs/')) {
        problems.push(`plugins/${unit}/plugin.json: ${field} may list only third-party packages, not "${name}"`);
      } else if (!installed.includes(name)) {
        problems.push(`plugins/${unit}/plugin.json: "${name}" is not in the root package.json's ${field === 'dependencies' ? 'dependencies' : 'dependencies or devDependencies'}`);
      }
    }
  }
  return problems;
}
const area = (file: string) => relative(root, file).split(sep).slice(0, 2).join('/'); // e.g. libs/core

/**
 * The rule broken by one import, or null. `file` is absolute; `top/unit` its area;
 * `manifest` a plugin's plugin.json (read from the plugin's folder when omitted).
 */
export function judge(top: string, unit: string, file: string, spec: string, manifest?: PluginManifest): string | null {
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
    const declared = manifest ?? manifestOf(unit);
    const thirdParty = !spec.startsWith('@portico/') && !spec.startsWith('@nestjs/');
    const ok =
      spec === '@portico/plugin-sdk' ||
      spec === '@nestjs/common' ||
      (thirdParty && (declared.dependencies ?? []).includes(packageOf(spec))) ||
      (isSpec &&
        (['@portico/plugin-sdk/testing', '@nestjs/testing', '@portico/testing'].includes(spec) ||
          (thirdParty && (declared.devDependencies ?? []).includes(packageOf(spec)))));
    return ok
      ? null
      : `${here}: a plugin may import only @portico/plugin-sdk, @nestjs/common and the packages its plugin.json declares, not "${spec}"`;
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

  it('hold for every plugin manifest', () => {
    const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const problems = readdirSync(join(root, 'plugins')).flatMap((unit) => manifestProblems(unit, manifestOf(unit), rootPackage));
    expect(problems).toEqual([]);
  });

  it('let a plugin import the third-party packages its manifest declares, and nothing more', () => {
    const manifest: PluginManifest = { dependencies: ['@aws-sdk/client-s3'], devDependencies: ['s3rver'] };
    const code = join(root, 'plugins/storage-acme/acme.storage-backend.ts');
    const spec = join(root, 'plugins/storage-acme/acme.storage-backend.spec.ts');
    const judgeAcme = (file: string, specifier: string) => judge('plugins', 'storage-acme', file, specifier, manifest);
    expect(judgeAcme(code, '@aws-sdk/client-s3')).toBeNull();
    expect(judgeAcme(code, '@aws-sdk/client-s3/dist-types/commands')).toBeNull();
    expect(judgeAcme(code, '@aws-sdk/lib-storage')).toMatch(/may import only/);
    expect(judgeAcme(code, 's3rver')).toMatch(/may import only/); // a devDependency: specs only
    expect(judgeAcme(spec, 's3rver')).toBeNull();
    expect(judgeAcme(code, '@portico/core')).toMatch(/may import only/);
    expect(judgeAcme(code, '@portico/testing')).toMatch(/may import only/);
    expect(judgeAcme(spec, '@portico/testing')).toBeNull();
    expect(judgeAcme(spec, '@portico/identity')).toMatch(/may import only/);
    // A manifest cannot smuggle in Portico's own packages, nor packages that are not installed.
    expect(judge('plugins', 'storage-acme', code, '@portico/core', { dependencies: ['@portico/core'] })).toMatch(/may import only/);
    expect(
      manifestProblems('storage-acme', { dependencies: ['@portico/core', 'left-pad', 's3rver'], devDependencies: ['s3rver'] }, {
        dependencies: { '@aws-sdk/client-s3': '1' },
        devDependencies: { s3rver: '1' },
      }),
    ).toEqual([
      'plugins/storage-acme/plugin.json: dependencies may list only third-party packages, not "@portico/core"',
      `plugins/storage-acme/plugin.json: "left-pad" is not in the root package.json's dependencies`,
      `plugins/storage-acme/plugin.json: "s3rver" is not in the root package.json's dependencies`,
    ]);
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
    // The real manifests: storage-s3 declares the AWS SDK, storage-local declares nothing.
    expect(judge('plugins', 'storage-local', plugin, '@aws-sdk/client-s3')).toMatch(/may import only/);
    expect(judge('plugins', 'storage-s3', join(root, 'plugins/storage-s3/s3.storage-backend.ts'), '@aws-sdk/client-s3')).toBeNull();
    expect(judge('plugins', 'storage-s3', join(root, 'plugins/storage-s3/s3.storage-backend.ts'), '@portico/core')).toMatch(/may import only/);
  });
});
