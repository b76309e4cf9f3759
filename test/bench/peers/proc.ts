import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/** CPU seconds (user + system) and memory of a Linux process, from /proc. */
export interface ProcSample {
  cpuSeconds: number;
  rssMb: number;
  /** VmHWM: the peak resident set since start, or since `resetPeak`. */
  peakRssMb: number;
}

const CLOCK_TICKS = 100;

export function procStats(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { cpuSeconds: ticks / CLOCK_TICKS, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/**
 * CPU seconds of a process's main thread alone (its JavaScript, and the kernel work it asks for):
 * the rest of `procStats`'s figure is V8's and libuv's helper threads (concurrent GC, compiling).
 */
export function mainThreadCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resets VmHWM to the current RSS (Linux `clear_refs` 5), so a scenario's peak is its own. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  /** The first match of `ready` in the process's output. */
  match: RegExpExecArray;
  logs: string[];
  stop(): Promise<void>;
}

/** Starts a process and resolves once a line of its output matches `ready`. */
export function startProcess(cmd: string, args: string[], opts: SpawnOptions, ready: RegExp, what: string): Promise<Proc> {
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const echo = process.env['BENCH_ECHO'] ? new RegExp(process.env['BENCH_ECHO']) : null;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    let done = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        if (logs.length > 200) logs.shift();
        // BENCH_ECHO=<regexp>: the servers' lines that match, echoed (e.g. timings added while profiling).
        if (echo?.test(line)) console.error(`[${what}] ${line}`);
        const m = done ? null : ready.exec(line);
        if (m) {
          done = true;
          resolve({
            child,
            pid: child.pid!,
            match: m,
            logs,
            stop: async () => {
              if (child.exitCode === null) child.kill('SIGTERM');
              const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
              await exited;
              clearTimeout(timer);
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      if (!done) reject(new Error(`${what} exited with ${code}:\n${logs.slice(-20).join('\n')}`));
    });
  });
}

export const percentile = (values: number[], p: number): number => {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
