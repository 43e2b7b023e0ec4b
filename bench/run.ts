/**
 * `npm run bench`: every benchmark, each beside a baseline measured in the same run, printed as
 * a table with ratios. Machines here are shared and noisy: read ratios before absolute times.
 * Exits 0 whatever the figures: benchmarks inform, tests decide.
 */
import { benchEngine } from './engine';
import { benchExport } from './export';
import { benchImport } from './import';
import { benchLargePlan } from './large-plan';
import { benchYearlyImport } from './import-yearly';
import { benchUncertainty } from './uncertainty';
import type { BenchResult } from './result';

type Section = { title: string; run: () => Promise<BenchResult[]> };

const SECTIONS: Section[] = [
  { title: 'Engine', run: benchEngine },
  { title: 'Uncertainty', run: benchUncertainty },
  { title: 'Import', run: benchImport },
  { title: 'Import of yearly figures (joiners, intakes)', run: benchYearlyImport },
  { title: 'Export', run: benchExport },
  { title: 'Large plan through the real handlers', run: benchLargePlan },
];

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
const fmtKb = (kb: number) => (kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb.toFixed(0)} KB`);

async function main(): Promise<void> {
  // `npm run bench -- engine` runs one section.
  const only = process.argv[2]?.toLowerCase();
  let failed = 0;
  for (const section of SECTIONS) {
    if (only && !section.title.toLowerCase().includes(only)) continue;
    process.stdout.write(`\n## ${section.title}\n`);
    for (const r of await section.run()) {
      if (!r.pass) failed++;
      const fmt = r.unit === 'KB' ? fmtKb : fmtMs;
      process.stdout.write(
        `${r.pass ? 'PASS' : 'MISS'}  ${r.name}\n      ${fmt(r.ms)}  vs ${r.baselineName}: ${fmt(r.baselineMs)}  → ratio ${r.ratio.toFixed(2)}×   (target ${r.target})${r.extra ? `\n      ${r.extra}` : ''}\n`,
      );
    }
  }
  process.stdout.write(`\n${failed === 0 ? 'All targets met.' : `${failed} target(s) missed.`}\n`);
}

void main();
