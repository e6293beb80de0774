/**
 * Runs one build step as a child process and measures it: wall time, and peak resident memory of the
 * whole process tree (the step and every process it starts), sampled from /proc every 50 ms. Linux only;
 * elsewhere the peak is reported as null.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface StepResult {
  label: string;
  seconds: number;
  /** Peak summed RSS of the process tree in bytes (null where /proc is missing). */
  peakRss: number | null;
  exitCode: number | null;
  /** Last lines of stderr and stdout, for the report when a step fails. */
  tail: string;
  /** RSS samples [seconds since start, bytes], when asked for. */
  timeline?: [number, number][];
}

export interface StepOptions {
  label: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Keep the RSS timeline (for finding which phase of a step holds the memory). */
  timeline?: boolean;
  intervalMs?: number;
}

const PAGE_SIZE = 4096;

/** Children of every process, from /proc/<pid>/stat (field 4 is the parent pid). */
function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: parse after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const list = map.get(parent);
      if (list) list.push(Number(name));
      else map.set(parent, [Number(name)]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return map;
}

/** Summed RSS in bytes of a process and all its descendants. */
export function treeRss(pid: number): number {
  const children = childrenByParent();
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    try {
      const statm = readFileSync(`/proc/${current}/statm`, 'utf8').split(' ');
      total += Number(statm[1]) * PAGE_SIZE;
    } catch {
      // Ended meanwhile.
    }
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

const hasProc = ((): boolean => {
  try {
    readFileSync('/proc/self/statm');
    return true;
  } catch {
    return false;
  }
})();

/** Runs the step to the end and resolves with its measurements (never rejects on a failing step). */
export function runStep(options: StepOptions): Promise<StepResult> {
  const started = process.hrtime.bigint();
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let peak = 0;
  const timeline: [number, number][] = [];
  const sample = (): void => {
    if (!hasProc || child.pid === undefined) return;
    const rss = treeRss(child.pid);
    peak = Math.max(peak, rss);
    if (options.timeline) timeline.push([Number(process.hrtime.bigint() - started) / 1e9, rss]);
  };
  const timer = setInterval(sample, options.intervalMs ?? 50);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const tail = output.split('\n').slice(-30).join('\n');
      resolve({ label: options.label, seconds, peakRss: hasProc ? peak : null, exitCode: code, tail, ...(options.timeline ? { timeline } : {}) });
    });
  });
}
