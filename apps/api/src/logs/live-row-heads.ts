import { LOG_LEVELS } from '@redtail/contracts';

/** Services remembered at most; a sender inventing more only pays the serialisation again. */
export const MAX_REMEMBERED_SERVICES = 1024;

/**
 * The `,level,"service",` every live row of a service and level carries after its seq, made once:
 * serialising the service for every row was most of a row's cost (≈ 2.6× a remembered head,
 * bench/findings.md, 2026-12-03). It holds service names, which are masked text, so the pipeline
 * forgets them at every panic with the rest of what it holds.
 */
export class LiveRowHeads {
  private readonly byService = new Map<string, (string | undefined)[]>();

  of(level: number, service: string): string {
    if (!(level >= 0 && level < LOG_LEVELS.length)) return rowHead(level, service);
    let heads = this.byService.get(service);
    if (heads === undefined) {
      if (this.byService.size >= MAX_REMEMBERED_SERVICES) this.byService.clear();
      heads = new Array<string | undefined>(LOG_LEVELS.length).fill(undefined);
      this.byService.set(service, heads);
    }
    return (heads[level] ??= rowHead(level, service));
  }

  get size(): number {
    return this.byService.size;
  }

  forget(): void {
    this.byService.clear();
  }
}

function rowHead(level: number, service: string): string {
  return `,${level},${JSON.stringify(service)},`;
}
