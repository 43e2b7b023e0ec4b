// Static security scan over src/: fails (exit 1) on any banned option or code, naming the
// file, line and reason. Run by `npm run lint`.
import fs from 'node:fs';
import path from 'node:path';
import { BANNED_PATTERNS } from './security-rules.mjs';

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(ts|tsx|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

const problems = [];
for (const file of files('src')) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    for (const { pattern, reason } of BANNED_PATTERNS) {
      if (pattern.test(line)) problems.push(`${file}:${i + 1}: ${reason}\n    ${line.trim()}`);
    }
  });
}
if (problems.length > 0) {
  console.error(`Security scan failed (${problems.length}):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('Security scan: no banned options or code in src/.');
