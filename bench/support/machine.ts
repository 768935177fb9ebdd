import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

/** Ticks from /proc/stat's first line: all of them, and those the hypervisor stole. */
interface CpuTicks {
  total: number;
  steal: number;
}

function readCpuTicks(): CpuTicks | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1);
    const ticks = (fields ?? []).map(Number);
    if (ticks.length < 8 || ticks.some((tick) => !Number.isFinite(tick))) return undefined;
    return { total: ticks.reduce((sum, tick) => sum + tick, 0), steal: ticks[7] as number };
  } catch {
    return undefined;
  }
}

/**
 * Starts counting the CPU time the hypervisor takes from this VM (`steal` in /proc/stat); the
 * returned function gives it as a share of all the cores' time since the start, or undefined
 * where /proc/stat does not say. A thread that waits while its vCPU is stolen shows as a long
 * task with little CPU in it, whatever the page does.
 */
export function startStealCount(): () => number | undefined {
  const start = readCpuTicks();
  return () => {
    const end = readCpuTicks();
    if (!start || !end || end.total <= start.total) return undefined;
    return (end.steal - start.steal) / (end.total - start.total);
  };
}
