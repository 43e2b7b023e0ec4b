/**
 * The keyboard, counted: every key a keyboard-only planner presses goes through here, so a
 * journey can say how many it took (a typed "25" counts two). Steps are named so the count can
 * be read per step.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class CountedKeys {
  private total = 0;
  private step = '';
  private readonly steps: { step: string; keys: number }[] = [];

  constructor(private readonly page: Page) {}

  /** Starts counting a named step of the journey. */
  begin(step: string): void {
    this.step = step;
    this.steps.push({ step, keys: 0 });
  }

  private add(n: number): void {
    this.total += n;
    const current = this.steps[this.steps.length - 1];
    if (current && current.step === this.step) current.keys += n;
  }

  async press(key: string): Promise<void> {
    this.add(1);
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    this.add([...text].length);
    await this.page.keyboard.type(text);
  }

  /** Presses Tab (or Shift+Tab) until `target` has focus; every press counts. */
  async tabTo(target: Locator, { backwards = false, max = 40 } = {}): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
      await this.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    await expect(target).toBeFocused();
  }

  get count(): number {
    return this.total;
  }

  keysIn(step: string): number {
    return this.steps.find((s) => s.step === step)?.keys ?? 0;
  }

  report(): string {
    return [...this.steps.map((s) => `  ${s.step}: ${s.keys}`), `  total: ${this.total}`].join('\n');
  }
}
