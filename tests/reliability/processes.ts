/**
 * Helpers for reliability tests that need a second process, another user or a small disk.
 *
 * Permissions only mean something to a user who is not root, and CI runs as root: children are
 * started as "nobody" through setpriv (or runuser) when the tests run as root, and as the current
 * user otherwise. Children are bundled to plain JavaScript once (esbuild) and run on the project's
 * Node 22, never the system's.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

export const NODE = path.resolve('node_modules/.bin/node');
const CACHE = path.resolve('node_modules/.cache/wfp-reliability');

/** Bundles a child script (TypeScript) to CommonJS beside the project's node_modules, once per run. */
export function bundleChild(source: string): string {
  const out = path.join(CACHE, `${path.basename(source, '.ts')}.cjs`);
  fs.mkdirSync(CACHE, { recursive: true, mode: 0o755 });
  buildSync({
    entryPoints: [path.resolve(source)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', 'exceljs'],
    outfile: out,
    logLevel: 'warning',
  });
  fs.chmodSync(out, 0o644);
  return out;
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** The user children run as: uid/gid to give them files, and the command prefix that switches to them. */
export interface OtherUser {
  uid: number;
  gid: number;
  prefix: string[];
  /** True when the child really is another user than the test (the test runs as root). */
  switched: boolean;
}

/** "nobody" when running as root (with setpriv or runuser), else the current user; null when root cannot switch. */
export function otherUser(): OtherUser | null {
  const uid = process.getuid?.() ?? -1;
  const gid = process.getgid?.() ?? -1;
  if (uid !== 0) return { uid, gid, prefix: [], switched: false };
  if (has('setpriv')) return { uid: 65534, gid: 65534, prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'], switched: true };
  if (has('runuser')) return { uid: 65534, gid: 65534, prefix: ['runuser', '-u', 'nobody', '--'], switched: true };
  return null;
}

/** Gives a file or folder to the child's user (a no-op when the test is not root). */
export function giveTo(user: OtherUser, file: string): void {
  if (user.switched) fs.chownSync(file, user.uid, user.gid);
}

/** Starts `node script args` as `user`. */
export function startAs(user: OtherUser | null, script: string, args: string[]): ChildProcessWithoutNullStreams {
  const argv = [...(user?.prefix ?? []), NODE, script, ...args];
  // HOME and TMPDIR stay usable for the other user: /tmp is writable by everyone.
  return spawn(argv[0]!, argv.slice(1), { stdio: 'pipe', env: { ...process.env, HOME: '/tmp', TMPDIR: '/tmp' } });
}

/** Runs a child to the end; its stdout lines, stderr and exit code. */
export function runAs(user: OtherUser | null, script: string, args: string[]): Promise<{ lines: string[]; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = startAs(user, script, args);
    child.stdin.end();
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ lines: out.split('\n').filter(Boolean), stderr: err, code }));
  });
}

/** Starts a child that prints `ready` once it holds what it holds; resolves then. Close its stdin to release it. */
export function holdWith(user: OtherUser | null, script: string, args: string[], ready: string): Promise<ChildProcessWithoutNullStreams> {
  return new Promise((resolve, reject) => {
    const child = startAs(user, script, args);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the child did not say "${ready}" in 20 s: ${err}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`${ready}\n`)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`the child exited (${code}) before "${ready}": ${err}`));
    });
  });
}

/** Lets a holding child go and waits for it to exit. */
export function release(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.removeAllListeners('close');
    child.on('close', () => resolve());
    child.stdin.end();
  });
}

/** A small real disk (tmpfs) mounted on `dir`, where the machine allows mounting. */
export interface SmallDisk {
  dir: string;
  remountReadOnly(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `kb` KB on a new folder inside `parent`, or says why it cannot. */
export function mountSmallDisk(parent: string, kb: number): SmallDisk | { unavailable: string } {
  if (process.platform !== 'linux') return { unavailable: `mounting a small disk is only done on Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { unavailable: 'mounting a tmpfs needs root' };
  const dir = path.join(parent, 'small-disk');
  fs.mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0777`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { unavailable: `mount -t tmpfs was refused here (${(r.stderr || r.error?.message || '').trim()})` };
  let mounted = true;
  return {
    dir,
    remountReadOnly() {
      const ro = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (ro.status !== 0) throw new Error(`remount read-only failed: ${ro.stderr}`);
    },
    unmount() {
      if (!mounted) return;
      spawnSync('umount', [dir]);
      mounted = false;
    },
  };
}
