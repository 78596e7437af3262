/**
 * The benchmarks' reader of memory-probe.cjs, which a server they start loads with
 * `memoryProbeArgs` (not production's flags): process.memoryUsage() and the young generation, right
 * after two full collections when asked, so that figures taken at comparable points compare.
 */
import path from 'node:path';

/** Node flags that load the probe; it listens on MEMORY_PROBE_PORT. */
export const memoryProbeArgs = ['--expose-gc', '--require', path.join(import.meta.dirname, 'memory-probe.cjs')];

/** process.memoryUsage() and the young generation, as memory-probe.cjs reports them. */
export interface ProbeMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  newSpaceUsed: number;
  newSpaceCommitted: number;
  /** Whether two full collections ran just before. */
  gc: boolean;
}

/** A reading; with `gc`, right after two full collections. Undefined when the process does not answer. */
export async function readMemoryProbe(port: number, gc: boolean): Promise<ProbeMemory | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/memory${gc ? '?gc=1' : ''}`, {
      signal: AbortSignal.timeout(10_000),
    });
    return { ...((await response.json()) as Omit<ProbeMemory, 'gc'>), gc };
  } catch {
    return undefined;
  }
}

/**
 * RSS less the young generation's committed size: start:prod's `--max-semi-space-size=64` lets the
 * young generation reach 2 x 64 MB, all resident, filled as far as the last scavenges happened to
 * reach; what the process keeps is the rest.
 */
export const rssLessYoung = (memory: ProbeMemory) => memory.rss - memory.newSpaceCommitted;
