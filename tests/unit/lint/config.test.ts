/**
 * The lint configuration's guard rails, shown failing: probe files are written into the real
 * layers of src/main, linted with the project's own eslint.config.mjs through ESLint's Node API,
 * and removed. A clean probe gives no error, so each failure below is the rule's doing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const probe = `__lint-probe-${process.pid}__`;
const dbDir = join(root, 'src/main/db', probe);
const serviceDir = join(root, 'src/main/services', probe);

const files: Record<string, string> = {
  // A clean module in each layer: services may import db and shared code.
  [join(serviceDir, 'clean.ts')]: `import type { Db } from '../../db/connection';\nexport const clean = (db: Db): Db => db;\n`,
  // A cycle made of type-only imports.
  [join(serviceDir, 'cycle-a.ts')]: `import type { B } from './cycle-b';\nexport interface A { b?: B }\n`,
  [join(serviceDir, 'cycle-b.ts')]: `import type { A } from './cycle-a';\nexport interface B { a?: A }\n`,
  // Layer crossings.
  [join(dbDir, 'uses-service.ts')]: `import { clean } from '../../services/${probe}/clean';\nexport const used = clean;\n`,
  [join(serviceDir, 'uses-ipc.ts')]: `import { dispatch } from '../../ipc/dispatch';\nexport const used = dispatch;\n`,
  [join(serviceDir, 'uses-handlers.ts')]: `import type { Handlers } from '../../../shared/api/contract';\nexport type Used = Handlers;\n`,
};

let results: Map<string, ESLint.LintResult>;

beforeAll(async () => {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const eslint = new ESLint({ cwd: root });
  const linted = await eslint.lintFiles(Object.keys(files));
  results = new Map(linted.map((r) => [r.filePath, r]));
}, 180_000);

afterAll(() => {
  rmSync(dbDir, { recursive: true, force: true });
  rmSync(serviceDir, { recursive: true, force: true });
});

/** rule id and message of every error in one probe file */
function errors(file: string): { rule: string | null; message: string }[] {
  const r = results.get(file);
  if (!r) throw new Error(`${file} was not linted`);
  return r.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('lint guard rails', () => {
  it('passes a module that keeps to its layer', () => {
    expect(errors(join(serviceDir, 'clean.ts'))).toEqual([]);
  });

  it('fails a new import cycle, even one made only of type imports, naming the chain', () => {
    for (const [from, to] of [
      ['cycle-a', 'cycle-b'],
      ['cycle-b', 'cycle-a'],
    ]) {
      const found = errors(join(serviceDir, `${from}.ts`));
      expect(found).toHaveLength(1);
      expect(found[0]!.rule).toBe('local/no-import-cycle');
      expect(found[0]!.message).toContain(`${probe}/${from}.ts → src/main/services/${probe}/${to}.ts → src/main/services/${probe}/${from}.ts`);
    }
  });

  it('fails the database layer importing a service', () => {
    const found = errors(join(dbDir, 'uses-service.ts'));
    expect(found.map((e) => e.rule)).toEqual(['no-restricted-imports']);
    expect(found[0]!.message).toContain('The database layer imports no service');
  });

  it('fails a service importing from ipc', () => {
    const found = errors(join(serviceDir, 'uses-ipc.ts'));
    expect(found.map((e) => e.rule)).toEqual(['no-restricted-imports']);
    expect(found[0]!.message).toContain('Services import nothing from ipc');
  });

  it("fails anything outside ipc importing the contract's handler table", () => {
    const found = errors(join(serviceDir, 'uses-handlers.ts'));
    expect(found.map((e) => e.rule)).toEqual(['no-restricted-imports']);
    expect(found[0]!.message).toContain('Only src/main/ipc implements');
  });
});
