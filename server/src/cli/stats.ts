// The CLI's --stats line: what a run read, how long it took and at what rate.

import type { FolderScan } from './plan';
import { counted } from './formats/index';

export interface RunStats {
  files: number;
  bytes: number;
  /** Processes that analysed (1: this one). */
  jobs: number;
  batches: number;
  /** Batches analysed again after merging (see runBatches). */
  redone: number;
  /** Microseconds of CPU used by worker processes, which process.cpuUsage() leaves out. */
  workerCpu: number;
  /** When the run started: performance.now() and process.cpuUsage(). */
  started: { wall: number; cpu: NodeJS.CpuUsage };
}

export function sizeOf(scans: readonly FolderScan[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const s of scans) {
    files += s.files;
    bytes += s.bytes;
  }
  return { files, bytes };
}

/** One line: files and MB, wall and CPU seconds (workers' included), files/s and MB/s. */
export function throughput(s: RunStats, now = performance.now(), cpu = process.cpuUsage(s.started.cpu)): string {
  const wall = Math.max(1e-3, (now - s.started.wall) / 1000);
  const cpuSec = (cpu.user + cpu.system + s.workerCpu) / 1e6;
  const mb = s.bytes / 1e6;
  return (
    `${s.files} files, ${mb.toFixed(1)} MB in ${wall.toFixed(2)} s (CPU ${cpuSec.toFixed(2)} s, ${counted(s.jobs, 'job')}, ${counted(s.batches, 'batch', 'batches')}${s.redone ? `, ${s.redone} merged and redone` : ''}): ` +
    `${Math.round(s.files / wall)} files/s, ${(mb / wall).toFixed(2)} MB/s`
  );
}
