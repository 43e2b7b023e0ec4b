/**
 * The Summary's charts in the board workbook: two PNG pictures beside the tables, drawn by the
 * same SVG components the window shows (LineChart, BridgeChart), from the scenario's numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFte } from '../../../shared/format';
import { BridgeChart } from '../../../renderer/src/charts/BridgeChart';
import { LineChart, LineChartSvg } from '../../../renderer/src/charts/LineChart';
import { supplyDemandChart, systemBridgeChart, systemBridgeSteps } from '../../../renderer/src/charts/board-charts';
import { demoSession } from '../../../../tests/support/plans';
import { tempDir } from '../../../../tests/support/temp';
import { listScenarios } from '../../db/repos/scenarios';
import { closeSession } from '../plan-session';
import { simulateHere } from '../uncertainty/service';
import { FanChart, FanChartSvg } from '../../../renderer/src/charts/FanChart';
import { supplyDemandFan } from '../../../renderer/src/charts/board-charts';
import { BOARD_SHEETS, loadBoard } from './board';
import { chartSvg, summaryChartImages, svgToPng } from './chart-images';
import { exportBoard } from './index';

const session = demoSession();
const dir = tempDir();
afterAll(() => {
  closeSession(session);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the charts on the Summary', () => {
  it(
    'are two pictures beside the tables: supply against demand and the system bridge, as the app draws them, from the scenario’s numbers',
    { timeout: 120_000 },
    async () => {
      const scenarios = listScenarios(session.db);
      const plan = scenarios.find((s) => s.name === 'Our Dorset plan')!;
      const nothing = scenarios.find((s) => s.name === 'Do nothing')!;
      const done = await exportBoard(session.db, {
        target: path.join(dir, 'board.xlsx'),
        planFile: session.path,
        readOnly: false,
        appVersion: 'Workforce Pipeline Planner 0.1.0',
        scenarioIds: [plan.id],
        sheets: [...BOARD_SHEETS],
        measures: ['fte'],
        suppressBelow: null,
        formulas: false,
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(done.path);
      const summary = wb.getWorksheet('Summary')!;
      const placed = summary.getImages();
      expect(placed).toHaveLength(2);
      // No other sheet carries a picture.
      for (const ws of wb.worksheets) if (ws.name !== 'Summary') expect(ws.getImages(), ws.name).toEqual([]);

      // The pictures are the app's charts of this scenario: the same bytes as drawing them again.
      const book = loadBoard(session.db, { scenarioIds: [plan.id], sheets: [], measures: ['fte'], suppressBelow: null, formulas: false })[0]!;
      const expected = await summaryChartImages(book);
      const pictures = placed.map((p) => new Uint8Array(wb.getImage(Number(p.imageId)).buffer as unknown as ArrayBuffer));
      expect(Buffer.from(pictures[0]!).equals(Buffer.from(expected.supplyDemand.png))).toBe(true);
      expect(Buffer.from(pictures[1]!).equals(Buffer.from(expected.bridge.png))).toBe(true);
      // Drawn at twice their shown size, for print.
      expect(pngSize(pictures[0]!)).toEqual({ width: expected.supplyDemand.width * 2, height: expected.supplyDemand.height * 2 });

      // Each has its title in the cell above it, and both sit to the right of every table.
      const fromCol = placed[0]!.range.tl.nativeCol + 1;
      const besideTables: unknown[] = [];
      summary.eachRow((r) => r.eachCell((c) => (Number(c.col) >= fromCol - 1 ? besideTables.push(c.value) : undefined)));
      // Nothing but the pictures' titles in or next to their columns: they cover no table.
      expect(besideTables).toEqual([expected.supplyDemand.title, expected.bridge.title]);
      for (const [k, title] of [expected.supplyDemand.title, expected.bridge.title].entries()) {
        const { nativeRow, nativeCol } = placed[k]!.range.tl;
        expect(nativeCol + 1).toBe(fromCol);
        expect(summary.getCell(nativeRow, nativeCol + 1).value).toBe(title);
      }
      expect(placed[1]!.range.tl.nativeRow).toBeGreaterThan(placed[0]!.range.tl.nativeRow);
      expect(expected.supplyDemand.title).toBe('Supply and demand (FTE), 2019/20 to 2028/29');

      // The SVG pictured is the one the window shows: the dashboard's LineChart and the
      // projection's BridgeChart wrap exactly this markup.
      const result = book.result;
      const line = supplyDemandChart(result.years, result.totals);
      const steps = systemBridgeSteps(result.years, result.cells, result.pipelines, new Map(book.inputs.pipelines.map((p) => [p.id, p.type])));
      const bridge = systemBridgeChart(result.years, steps);
      const lineSvg = chartSvg(createElement(LineChartSvg, line));
      expect(renderToStaticMarkup(createElement(LineChart, line))).toContain(lineSvg.slice(0, lineSvg.indexOf('>')));
      expect(renderToStaticMarkup(createElement(BridgeChart, bridge))).toContain(bridge.title);
      // The numbers behind it are the engine's: the description names the first and last totals.
      expect(lineSvg).toContain(`Supply goes from ${formatFte(result.totals.closing[0]!)} to ${formatFte(result.totals.closing.at(-1)!)} FTE`);
      // The bridge adds up: opening + every flow = closing.
      const flows = steps.filter((s) => s.kind === 'flow').reduce((a, s) => a + s.value, 0);
      expect(Math.abs(steps[0]!.value + flows - steps.at(-1)!.value)).toBeLessThan(1e-6);

      // Another scenario's numbers draw another picture.
      const other = await summaryChartImages(
        loadBoard(session.db, { scenarioIds: [nothing.id], sheets: [], measures: ['fte'], suppressBelow: null, formulas: false })[0]!,
      );
      expect(Buffer.from(other.supplyDemand.png).equals(Buffer.from(expected.supplyDemand.png))).toBe(false);
      expect(Buffer.from(other.bridge.png).equals(Buffer.from(expected.bridge.png))).toBe(false);

      // Without the Summary there is nothing to picture.
      const bare = await exportBoard(session.db, {
        target: path.join(dir, 'bare.xlsx'),
        planFile: session.path,
        readOnly: false,
        appVersion: 'Workforce Pipeline Planner 0.1.0',
        scenarioIds: [plan.id],
        sheets: ['projection'],
        measures: ['fte'],
        suppressBelow: null,
        formulas: false,
      });
      const bareBook = new ExcelJS.Workbook();
      await bareBook.xlsx.readFile(bare.path);
      for (const ws of bareBook.worksheets) expect(ws.getImages(), ws.name).toEqual([]);

      // Kept beside the printed workbooks, to be looked at.
      const out = path.resolve('test-results/print');
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'summary-chart-supply-demand.png'), pictures[0]!);
      fs.writeFileSync(path.join(out, 'summary-chart-bridge.png'), pictures[1]!);
    },
  );

  it(
    'with a simulation, the fan chart is a third picture below the other two, drawn by the window’s fan chart from the simulated percentiles',
    { timeout: 120_000 },
    async () => {
      // A plan of its own: the first test's folder is gone by now.
      const session = demoSession();
      const plan = listScenarios(session.db).find((s) => s.name === 'Our Dorset plan')!;
      const uncertainty = { runs: 200, seed: 42, typicalRanges: true };
      const done = await exportBoard(session.db, {
        target: path.join(tempDir(), 'board-fan.xlsx'),
        planFile: session.path,
        readOnly: false,
        appVersion: 'Workforce Pipeline Planner 0.1.0',
        scenarioIds: [plan.id],
        sheets: ['summary'],
        measures: ['fte'],
        suppressBelow: null,
        formulas: false,
        uncertainty,
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(done.path);
      const summary = wb.getWorksheet('Summary')!;
      const placed = summary.getImages();
      expect(placed).toHaveLength(3);
      // The same bytes as drawing the fan of the same simulation (same runs, same seed) again.
      const simulated = simulateHere(session.db, plan.id, 200, 42, { typicalRanges: true });
      expect(simulated.varying).toBeGreaterThan(0);
      const book = loadBoard(session.db, { scenarioIds: [plan.id], sheets: [], measures: ['fte'], suppressBelow: null, formulas: false })[0]!;
      const expected = await summaryChartImages({ ...book, uncertainty: simulated });
      const fan = expected.fan!;
      const picture = new Uint8Array(wb.getImage(Number(placed[2]!.imageId)).buffer as unknown as ArrayBuffer);
      expect(Buffer.from(picture).equals(Buffer.from(fan.png))).toBe(true);
      expect(pngSize(picture)).toEqual({ width: fan.width * 2, height: fan.height * 2 });
      // Below the bridge, in the same column, with its title (runs and seed) above it.
      expect(placed[2]!.range.tl.nativeCol).toBe(placed[0]!.range.tl.nativeCol);
      expect(placed[2]!.range.tl.nativeRow).toBeGreaterThan(placed[1]!.range.tl.nativeRow);
      expect(summary.getCell(placed[2]!.range.tl.nativeRow, placed[2]!.range.tl.nativeCol + 1).value).toBe(fan.title);
      expect(fan.title).toBe('Supply and demand (FTE), 2019/20 to 2028/29: 200 simulated runs, seed 42');
      // The markup pictured is the window's fan chart, from the simulated percentiles.
      const props = supplyDemandFan(simulated.years, simulated.totals, simulated.runs);
      const svg = chartSvg(createElement(FanChartSvg, props));
      expect(renderToStaticMarkup(createElement(FanChart, props))).toContain('class="chart-svg fan-chart"');
      expect(svg).toContain(`median ${formatFte(simulated.totals.supply.p50.at(-1)!)}`);
      // Another seed draws other runs, and so another fan.
      const other = await summaryChartImages({ ...book, uncertainty: simulateHere(session.db, plan.id, 200, 43, { typicalRanges: true }) });
      expect(Buffer.from(other.fan!.png).equals(Buffer.from(fan.png))).toBe(false);
      // Without a simulation, no fan.
      expect((await summaryChartImages(book)).fan).toBeUndefined();
      fs.mkdirSync(path.resolve('test-results/print'), { recursive: true });
      fs.writeFileSync(path.resolve('test-results/print/summary-chart-fan.png'), picture);
      closeSession(session);
    },
  );

  it('a chart that is not one SVG element is refused, and text is drawn in the bundled font', async () => {
    expect(() => chartSvg(createElement('div', null, 'not a chart'))).toThrow(/single <svg>/);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15" font-family="Arial" font-size="12">Ab</text></svg>';
    const drawn = await svgToPng(svg);
    expect(drawn).toMatchObject({ width: 40, height: 20 });
    const blank = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>');
    // Text was drawn (a font was found): the picture differs from an empty one.
    expect(Buffer.from(drawn.png).equals(Buffer.from(blank.png))).toBe(false);
  });
});
