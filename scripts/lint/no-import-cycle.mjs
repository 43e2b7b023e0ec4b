/**
 * ESLint rule `local/no-import-cycle`: a module may not import (directly or through others) a
 * module that imports it back. Type-only imports and `export … from` count, because a cycle of
 * types still ties two modules together; dynamic `import()` does not (it is how a cycle is broken
 * on purpose). Only relative specifiers are followed, to .ts/.tsx/.mts/.cts files on disk.
 *
 * Each file's imports are read once per lint run (re-read when its size or mtime changes) with
 * the TypeScript parser, so the whole graph costs one parse of each file however many files
 * are linted.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTS = ['.ts', '.tsx', '.mts', '.cts'];
/** file → { stamp, deps } */
const graph = new Map();

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The source file a relative specifier names, or null (packages, assets, missing files). */
export function resolveSpecifier(fromFile, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [];
  if (EXTS.includes(path.extname(base))) candidates.push(base);
  const js = /\.([mc]?)js$/.exec(base);
  if (js) candidates.push(base.slice(0, -js[0].length) + `.${js[1]}ts`, base.slice(0, -js[0].length) + '.tsx');
  for (const e of EXTS) candidates.push(base + e);
  for (const e of EXTS) candidates.push(path.join(base, `index${e}`));
  return candidates.find(isFile) ?? null;
}

/** Static import and re-export specifiers of a file's text (type-only ones included). */
function specifiersOf(file, text) {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const out = [];
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      out.push(st.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      out.push(st.moduleReference.expression.text);
    }
  }
  return out;
}

/** The resolved source files a file imports statically. */
function depsOf(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const hit = graph.get(file);
  if (hit && hit.stamp === stamp) return hit.deps;
  const deps = [];
  for (const spec of specifiersOf(file, fs.readFileSync(file, 'utf8'))) {
    const to = resolveSpecifier(file, spec);
    if (to && !deps.includes(to)) deps.push(to);
  }
  graph.set(file, { stamp, deps });
  return deps;
}

/** A path of files from `start` back to `target` (start first, target last), or null. */
function pathBack(start, target) {
  const seen = new Set([start]);
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, trail] = stack.pop();
    for (const next of depsOf(file)) {
      if (next === target) return [...trail, target];
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push([next, [...trail, next]]);
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between modules, type-only imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}. Move what both modules need into a third module that imports neither.' },
  },
  create(context) {
    const self = path.resolve(context.filename);
    const root = context.cwd;
    const rel = (f) => path.relative(root, f).split(path.sep).join('/');
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const to = resolveSpecifier(self, node.source.value);
      if (!to || to === self) return;
      const back = pathBack(to, self);
      if (back) context.report({ node, messageId: 'cycle', data: { chain: [self, ...back].map(rel).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { meta: { name: 'local' }, rules: { 'no-import-cycle': noImportCycle } };
