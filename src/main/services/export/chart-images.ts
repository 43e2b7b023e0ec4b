/**
 * The app's own charts as pictures for the board workbook: the same SVG components the window
 * draws, rendered to markup without a browser (react-dom/server) and rasterised to PNG by resvg
 * (WebAssembly, from the npm registry) with a bundled Arial-metric font (Arimo), so the picture
 * is the same on every machine. With a simulation, the fan chart is the third picture.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { BridgeChartSvg } from '../../../renderer/src/charts/BridgeChart';
import { FanChartSvg } from '../../../renderer/src/charts/FanChart';
import { LineChartSvg } from '../../../renderer/src/charts/LineChart';
import { supplyDemandChart, supplyDemandFan, systemBridgeChart, systemBridgeSteps } from '../../../renderer/src/charts/board-charts';
import type { ScenarioBook } from './board-kit';

const here = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
const requireHere = createRequire(here);

let ready: Promise<{ fonts: Uint8Array[] }> | null = null;

/** Loads the rasteriser and the fonts once. */
function rasteriser(): Promise<{ fonts: Uint8Array[] }> {
  ready ??= (async () => {
    await initWasm(fs.readFileSync(requireHere.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    const fonts = ['400Regular/Arimo_400Regular.ttf', '700Bold/Arimo_700Bold.ttf'].map(
      (f) => new Uint8Array(fs.readFileSync(requireHere.resolve(`@expo-google-fonts/arimo/${f}`))),
    );
    return { fonts };
  })();
  return ready;
}

/** A chart element (an SVG component) as standalone SVG markup. */
export function chartSvg(element: ReactElement): string {
  const markup = renderToStaticMarkup(element);
  if (!markup.startsWith('<svg')) throw new Error('A chart must render a single <svg> element.');
  return markup;
}

export interface ChartImage {
  png: Uint8Array;
  /** Size in pixels at which it is shown (the PNG has twice as many, for print). */
  width: number;
  height: number;
  title: string;
}

/** Rasterises SVG markup to PNG at `scale` × its own size. */
export async function svgToPng(svg: string, scale = 2): Promise<{ png: Uint8Array; width: number; height: number }> {
  const { fonts } = await rasteriser();
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { fontBuffers: fonts, defaultFontFamily: 'Arimo', sansSerifFamily: 'Arimo' },
  });
  try {
    const image = r.render();
    const out = { png: image.asPng(), width: image.width / scale, height: image.height / scale };
    image.free();
    return out;
  } finally {
    r.free();
  }
}

export interface ChartImages {
  supplyDemand: ChartImage;
  bridge: ChartImage;
  /** The fan chart, when the workbook has a simulation. */
  fan?: ChartImage;
}

/** The Summary's charts for the scenario the board is asked to agree (the first one): the fan too when it was simulated. */
export async function summaryChartImages(book: Pick<ScenarioBook, 'result' | 'inputs' | 'uncertainty'>): Promise<ChartImages> {
  const { result, inputs, uncertainty } = book;
  const line = supplyDemandChart(result.years, result.totals);
  const bridge = systemBridgeChart(
    result.years,
    systemBridgeSteps(result.years, result.cells, result.pipelines, new Map(inputs.pipelines.map((p) => [p.id, p.type]))),
  );
  const a = await svgToPng(chartSvg(createElement(LineChartSvg, line)));
  const b = await svgToPng(chartSvg(createElement(BridgeChartSvg, bridge)));
  const images: ChartImages = { supplyDemand: { ...a, title: line.title }, bridge: { ...b, title: bridge.title } };
  if (uncertainty) {
    const fan = supplyDemandFan(uncertainty.years, uncertainty.totals, uncertainty.runs);
    const f = await svgToPng(chartSvg(createElement(FanChartSvg, fan)));
    images.fan = { ...f, title: `${fan.title}, seed ${uncertainty.seed}` };
  }
  return images;
}

/**
 * Places the charts on the Summary to the right of its tables, from column `fromCol` (1-based),
 * each with its title above it; both at the same width.
 */
export function addSummaryCharts(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  images: ChartImages,
  fromCol: number,
  note?: string,
): { lastRow: number; lastCol: number } {
  const width = 640;
  let row = 3;
  for (const img of [images.supplyDemand, images.bridge, ...(images.fan ? [images.fan] : [])]) {
    const title = ws.getCell(row, fromCol);
    title.value = img.title;
    title.font = { bold: true };
    const height = Math.round((img.height * width) / img.width);
    const id = wb.addImage({ buffer: Buffer.from(img.png) as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: fromCol - 1, row }, ext: { width, height }, editAs: 'oneCell' });
    // Rows are 20 px high by default: leave room for the picture and a gap.
    row += Math.ceil(height / 20) + 2;
  }
  if (note) {
    const c = ws.getCell(row, fromCol);
    c.value = note;
    c.font = { italic: true, color: { argb: 'FF425563' } };
  }
  // Default columns are about 64 px wide: the last column the pictures reach.
  return { lastRow: row, lastCol: fromCol + Math.ceil(width / 64) };
}
