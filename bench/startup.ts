// Time from starting the server to a ready answer: on an empty data folder (creates the database,
// migrates, loads the demo) and on a second start of the same folder. Prints medians of a few runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.env.BENCH_RUNS ?? 3);

async function startOnce(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      WIJKKRACHT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error('not ready within 120 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const fresh: number[] = [];
const second: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-bench-'));
  fresh.push(await startOnce(dir, 3900 + i));
  second.push(await startOnce(dir, 3950 + i));
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`startup, fresh data folder : median ${(median(fresh) / 1000).toFixed(2)} s over ${runs} runs`);
console.log(`startup, second start      : median ${(median(second) / 1000).toFixed(2)} s over ${runs} runs`);
console.log(`ratio fresh / second       : ${(median(fresh) / median(second)).toFixed(2)}`);
