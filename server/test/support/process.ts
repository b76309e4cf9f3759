import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  logs: string[];
  exit: Promise<number | null>;
}

/**
 * Starts the server as its own process and waits until it listens: `src/main.ts` through tsx, as
 * `pnpm dev` does, or with `compiled` the bundle `pnpm build` leaves in `dist/`, as `pnpm start`
 * runs it.
 */
export function startServerProcess(env: Record<string, string>, opts: { compiled?: boolean } = {}): Promise<ServerProcess> {
  const args = opts.compiled ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', MONGODB_URI: '', MONGOD_DOWNLOAD: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const url = /"url":"(http:[^"]+)"/.exec(line)?.[1];
        if (url) resolve({ child, url, logs, exit });
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    void exit.then((code) => reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`)));
  });
}
