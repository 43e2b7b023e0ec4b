/**
 * The main process's state: which plan is open, the recent-plans list, the dialogs, and how to
 * tell the window that something changed. No Electron import: the end-to-end harness builds the
 * same context in the test process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlanInfo, RecentPlan } from '../shared/api/dto';
import { AppError } from '../shared/api/errors';
import type { EventName, EventPayload } from '../shared/api/contract';
import type { Db } from './db/connection';
import { TaskRegistry } from './tasks';
import { PlanWorker } from './services/plan-worker/client';
import { SimulationWorker } from './services/uncertainty/client';
import { logError } from './log';
import type { BackupRow, DamagedPlan } from '../shared/api/channels/audit';
import type { LockedPlan } from '../shared/api/channels/plan';
import { BackupScheduler, backupFolder, damagedPlan, listBackups, restoreBackupTo } from './services/history/backups';
import { PLAN_FILTERS, type Dialogs } from './dialogs';
import type { PagePrinter } from './services/export/board-summary';
import {
  backupPlanTo,
  closeSession,
  createDemoPlan,
  createEmptyPlan,
  nameFromPath,
  openSession,
  planInfo,
  withPlanExtension,
  type PlanSession,
} from './services/plan-session';
import { formatDateTimeSeconds } from '../shared/format';

const RECENT_LIMIT = 10;
export const DEMO_FILE_NAME = 'Dorset ICS workforce plan (demo).wfplan';

export interface AppContextOptions {
  userDataDir: string;
  dialogs: Dialogs;
  appVersion: string;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Automatic backups: at most this often while the plan changes (default 5 minutes). */
  backupIntervalMs?: number;
  /** Set false to take no automatic backups (tests of other features). */
  autoBackup?: boolean;
  /**
   * Prints what the window shows now to PDF: Electron's printToPDF in the app, Chromium's
   * page.pdf in the end-to-end tests. Without it the board summary cannot be printed.
   */
  printPdf?: PagePrinter;
}

export class AppContext {
  readonly userDataDir: string;
  readonly dialogs: Dialogs;
  readonly appVersion: string;
  readonly printPdf: PagePrinter | null;
  private readonly emitFn: AppContextOptions['emit'];
  private current: PlanSession | null = null;
  /** Long-running work with progress and cancel. */
  readonly tasks: TaskRegistry;
  /** The worker that runs simulations off the main thread (started when first needed). */
  readonly simulations = new SimulationWorker();
  /** Rolling backups of the open plan: on open, then at most every few minutes while it changes. */
  readonly backups: BackupScheduler;
  private readonly autoBackup: boolean;
  /** The last plan that would not open because it is damaged, with the newest good backup. */
  private damaged: DamagedPlan | null = null;
  /** The last plan that would not open because another program holds it locked. */
  private locked: LockedPlan | null = null;
  /** Long work on the open plan (exports, snapshots, comparisons, restores), off the main thread. */
  readonly planWorker = new PlanWorker();
  /** What the plan worker is writing to the plan, if anything: other changes wait for it. */
  private writing: string | null = null;

  constructor(options: AppContextOptions) {
    this.userDataDir = options.userDataDir;
    this.dialogs = options.dialogs;
    this.appVersion = options.appVersion;
    this.printPdf = options.printPdf ?? null;
    this.emitFn = options.emit;
    this.tasks = new TaskRegistry((progress) => this.emit('task/progress', progress));
    this.autoBackup = options.autoBackup ?? true;
    this.backups = new BackupScheduler(
      () => (this.current && !this.current.readOnly ? { db: this.current.db, folder: this.backupFolder } : null),
      options.backupIntervalMs ?? 5 * 60_000,
      Math.min(30_000, options.backupIntervalMs ?? 30_000),
      (err) => {
        // A plan closed while its backup was being written is not a failure worth reporting.
        if (!/not open|closed/i.test(err instanceof Error ? err.message : '')) logError('Automatic backup', err);
      },
    );
    if (this.autoBackup) this.backups.start();
  }

  /** Where the open plan's backups go. */
  get backupFolder(): string {
    return backupFolder(this.backupsDir, this.session.path);
  }

  listBackups(): BackupRow[] {
    return listBackups(this.backupFolder);
  }

  /** The damaged plan met on the last open, if any, and the newest good backup of it. */
  damagedPlan(): DamagedPlan | null {
    return this.damaged;
  }

  /** Restores one of the open plan's backups as a new plan beside it, and opens that. */
  async restoreBackup(file: string): Promise<PlanInfo> {
    const dest = await restoreBackupTo(this.backupFolder, file, this.session.path);
    return this.openPath(dest);
  }

  /** Restores the newest good backup of the damaged plan as a new file, and opens it. The damaged file is left as it is. */
  async recoverDamaged(): Promise<PlanInfo> {
    const d = this.damaged;
    if (!d) throw new AppError('NOT_FOUND', 'No damaged plan is waiting to be recovered.');
    if (!d.backup) throw new AppError('NOT_FOUND', `There is no good backup of "${path.basename(d.path)}" to restore. The damaged file was left unchanged.`);
    const dest = await restoreBackupTo(backupFolder(this.backupsDir, d.path), d.backup.file, d.path);
    const info = this.openPath(dest);
    this.damaged = null;
    return info;
  }

  /** The plan last refused as in use by another program, if any. */
  lockedPlan(): LockedPlan | null {
    return this.locked;
  }

  /** Opens the plan that was refused as in use elsewhere, read-only. */
  openLockedReadOnly(): PlanInfo {
    const l = this.locked;
    if (!l) throw new AppError('NOT_FOUND', 'No plan is waiting to be opened read-only.');
    const info = this.openPath(l.path, { readOnly: true });
    this.locked = null;
    return info;
  }

  /**
   * Opens a plan; a damaged one is left untouched and remembered with its newest good backup, and
   * one held locked by another program is remembered so that it can be opened read-only.
   */
  private openChecked(file: string, readOnly = false): PlanSession {
    try {
      const session = openSession(file, { backupDir: this.backupsDir, readOnly });
      if (this.locked?.path === session.path) this.locked = null;
      return session;
    } catch (err) {
      if (err instanceof AppError && err.code === 'LOCKED') this.locked = { path: path.resolve(file), message: err.message };
      if (err instanceof AppError && err.code === 'CORRUPT') {
        const abs = path.resolve(file);
        this.damaged = damagedPlan(abs, err.message, this.backupsDir);
        const when = this.damaged.backup ? formatDateTimeSeconds(this.damaged.backup.at) : null;
        throw new AppError(
          'CORRUPT',
          when
            ? `${err.message} A good backup from ${when} is available: open History, then Backups, and choose "Restore the newest good backup".`
            : `${err.message} No automatic backup of it was found.`,
        );
      }
      throw err;
    }
  }

  get session(): PlanSession {
    if (!this.current) throw new AppError('NOT_FOUND', 'No plan is open. Open or create a plan first.');
    return this.current;
  }

  get db(): Db {
    return this.session.db;
  }

  /** The db, refusing when the plan was opened read-only, or while the plan worker writes to it. */
  get writableDb(): Db {
    const s = this.session;
    if (s.readOnly)
      throw new AppError('READ_ONLY', `"${path.basename(s.path)}" is open read-only: changes cannot be saved. Use Save As to make a copy you can edit.`);
    if (this.writing) throw new AppError('CONFLICT', `The plan is busy ${this.writing}, so this change was not made. Try again in a moment.`);
    return s.db;
  }

  /**
   * Runs work that writes to the plan on another connection (the plan worker): the plan must be
   * writable, and no other change is made on the main connection until it is done.
   */
  async writingOffThread<T>(what: string, work: (file: string) => Promise<T>): Promise<T> {
    // Refuses a read-only plan, or one already being written, before any work.
    void this.writableDb;
    const file = this.session.conn.file;
    this.writing = what;
    try {
      return await work(file);
    } finally {
      this.writing = null;
    }
  }

  get plansDir(): string {
    return path.join(this.userDataDir, 'plans');
  }

  get backupsDir(): string {
    return path.join(this.userDataDir, 'backups');
  }

  info(): PlanInfo {
    return planInfo(this.session);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitFn?.(event, payload);
  }

  private use(session: PlanSession): PlanInfo {
    if (this.current) closeSession(this.current);
    this.current = session;
    if (this.autoBackup && !session.readOnly) this.backups.backupNow().catch(() => undefined);
    const info = planInfo(session);
    this.remember(info);
    this.emit('plan/changed', info);
    return info;
  }

  /** First run creates the demo plan; later runs reopen the last plan that still opens. */
  openAtStartup(): PlanInfo {
    for (const r of this.recent()) {
      if (!fs.existsSync(r.path)) continue;
      try {
        return this.use(this.openChecked(r.path));
      } catch {
        // Fall through to the next recent plan, then to the demo.
      }
    }
    const demo = path.join(this.plansDir, DEMO_FILE_NAME);
    if (fs.existsSync(demo)) return this.use(openSession(demo, { backupDir: this.backupsDir }));
    return this.use(createDemoPlan(demo));
  }

  /** Opens a plan; `readOnly` opens it for reading only (a file that cannot be written always is). */
  openPath(file: string, options: { readOnly?: boolean } = {}): PlanInfo {
    return this.use(this.openChecked(file, options.readOnly === true));
  }

  async openWithDialog(): Promise<PlanInfo | null> {
    const file = await this.dialogs.chooseFileToOpen('Open plan', PLAN_FILTERS);
    return file ? this.openPath(file) : null;
  }

  openRecent(file: string): PlanInfo {
    if (!this.recent().some((r) => r.path === file)) throw new AppError('FORBIDDEN', 'That plan is not in the recent plans list. Use Open… to choose it.');
    if (!fs.existsSync(file))
      throw new AppError('NOT_FOUND', `The plan "${path.basename(file)}" is no longer at ${path.dirname(file)}. It may have been moved or deleted.`);
    return this.openPath(file);
  }

  async newWithDialog(): Promise<PlanInfo | null> {
    const chosen = await this.dialogs.chooseFileToSave('New plan', path.join(this.plansDir, 'New plan.wfplan'), PLAN_FILTERS);
    if (!chosen) return null;
    const file = withPlanExtension(chosen);
    if (this.current && path.resolve(file) === this.current.path) throw new AppError('CONFLICT', 'That is the plan that is open now. Choose another name.');
    return this.use(createEmptyPlan(file, nameFromPath(file)));
  }

  async saveAsWithDialog(): Promise<PlanInfo | null> {
    const session = this.session;
    // A plan in a folder that cannot be written is copied to the app's plans folder by default.
    const folder =
      session.readOnly && session.conn.readOnlyReason !== 'asked' && session.conn.readOnlyReason !== 'read-only file'
        ? this.plansDir
        : path.dirname(session.path);
    fs.mkdirSync(folder, { recursive: true });
    const chosen = await this.dialogs.chooseFileToSave('Save plan as', path.join(folder, `${nameFromPath(session.path)} copy.wfplan`), PLAN_FILTERS);
    if (!chosen) return null;
    const file = path.resolve(withPlanExtension(chosen));
    if (file === session.path) throw new AppError('CONFLICT', 'That is the plan that is open now: choose another name for the copy.');
    await backupPlanTo(session.db, file);
    return this.use(openSession(file, { backupDir: this.backupsDir }));
  }

  close(): void {
    this.backups.stop();
    void this.planWorker.close();
    void this.simulations.close();
    if (this.current) closeSession(this.current);
    this.current = null;
  }

  private recentFile(): string {
    return path.join(this.userDataDir, 'recent-plans.json');
  }

  recent(): RecentPlan[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.recentFile(), 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is RecentPlan =>
          typeof r === 'object' &&
          r !== null &&
          typeof (r as RecentPlan).path === 'string' &&
          typeof (r as RecentPlan).name === 'string' &&
          typeof (r as RecentPlan).openedAt === 'string',
      );
    } catch {
      return [];
    }
  }

  private remember(info: PlanInfo): void {
    const list = [{ path: info.path, name: info.name, openedAt: new Date().toISOString() }, ...this.recent().filter((r) => r.path !== info.path)].slice(
      0,
      RECENT_LIMIT,
    );
    fs.mkdirSync(this.userDataDir, { recursive: true });
    const tmp = `${this.recentFile()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(list, null, 2));
    fs.renameSync(tmp, this.recentFile());
  }
}
