/**
 * What a process and its descendants use, read from /proc: a server that forks (a wrapper, or
 * cluster workers) is measured whole.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The process and every descendant alive now. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(statFields(Number(entry))[1]);
      const siblings = children.get(ppid) ?? [];
      siblings.push(Number(entry));
      children.set(ppid, siblings);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of the process tree, in kB. */
export function treeRssKb(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += match ? Number(match[1]) : 0;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

/** CPU time the process tree has used so far, in ms (10 ms resolution; ended descendants drop out). */
export function treeCpuTimes(rootPid: number): { user: number; system: number } {
  let user = 0;
  let system = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const fields = statFields(pid);
      user += Number(fields[11]) * 10;
      system += Number(fields[12]) * 10;
    } catch {
      // Ended meanwhile.
    }
  }
  return { user, system };
}
