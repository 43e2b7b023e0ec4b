import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/api/errors';
import { chromiumPdfOptions, electronPdfOptions, pageTemplates, pdfSettings } from './services/export/board-summary';
import { electronPrinter, type PrintableWindow } from './print-pdf';

const settings = pdfSettings(pageTemplates({ planName: 'Plan <A> & B', scenarioName: 'Our plan', madeAt: '2026-03-31T09:30:00Z', planHash: 'ab'.repeat(32) }));

describe('printing the board summary to PDF', () => {
  it('gives Electron and Chromium the same page: A4 landscape, the same margins, header and footer', () => {
    const e = electronPdfOptions(settings);
    const c = chromiumPdfOptions(settings);
    expect(e).toMatchObject({ landscape: true, pageSize: 'A4', printBackground: true, displayHeaderFooter: true });
    expect(c).toMatchObject({ landscape: true, format: 'A4', printBackground: true, displayHeaderFooter: true });
    expect(e.headerTemplate).toBe(c.headerTemplate);
    expect(e.footerTemplate).toBe(c.footerTemplate);
    for (const side of ['top', 'bottom', 'left', 'right'] as const) expect(e.margins[side] * 25.4).toBeCloseTo(Number.parseFloat(c.margin[side]), 9);
    // The header names the plan (escaped), the scenario and the date; the footer counts the pages.
    expect(e.headerTemplate).toContain('Plan &lt;A&gt; &amp; B');
    expect(e.headerTemplate).toContain('Scenario: Our plan');
    expect(e.headerTemplate).toContain('31 March 2026 at 10:30');
    expect(e.footerTemplate).toMatch(/Page <span class="pageNumber"><\/span> of <span class="totalPages"><\/span>/);
  });

  it('in the app, prints the window with those options, and says so when the window is gone', async () => {
    const asked: unknown[] = [];
    const win: PrintableWindow = {
      isDestroyed: () => false,
      webContents: {
        printToPDF: (o) => {
          asked.push(o);
          return Promise.resolve(new Uint8Array(Buffer.from('%PDF-1.7 test')));
        },
      },
    };
    const bytes = await electronPrinter(() => win)(settings);
    expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF-1.7 test');
    expect(asked).toEqual([electronPdfOptions(settings)]);
    const gone = await electronPrinter(() => null)(settings).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(AppError);
    expect((gone as AppError).message).toContain('window is closed');
  });
});
