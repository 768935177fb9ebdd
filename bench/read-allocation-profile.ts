import { readFileSync } from 'node:fs';

/**
 * `npm run bench:read-allocations -- <file> [--top=n]` reads what `BENCH_SERVER_ALLOCATIONS=<file>`
 * made a server write (bench/support/allocation-probe.cjs): the share of all bytes allocated in
 * the sampled window by each function (the function running when the object was made; a function
 * V8 inlined counts for its caller, so `--no-turbo-inlining` in `BENCH_SERVER_NODE_ARGS` names the
 * callee), then the same by call path, four frames deep.
 */
interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const top = Number(args.find((arg) => arg.startsWith('--top='))?.split('=')[1] ?? 30);
if (!file) {
  console.error('usage: read-allocation-profile.ts <file> [--top=n]');
  process.exit(2);
}

const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: AllocationNode };
const bySite = new Map<string, number>();
const byPath = new Map<string, number>();
let total = 0;

function label(node: AllocationNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
}

function walk(node: AllocationNode, path: string[]): void {
  const here = [...path, label(node)];
  if (node.selfSize > 0) {
    total += node.selfSize;
    const site = here[here.length - 1];
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    const route = here.slice(-4).reverse().join(' < ');
    byPath.set(route, (byPath.get(route) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, here);
}
walk(head, []);

const print = (title: string, table: Map<string, number>) => {
  console.log(title);
  for (const [name, bytes] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
};
console.log(`${(total / 1e6).toFixed(1)} MB allocated in the sampled window (estimated)`);
print('By function:', bySite);
print('By call path (allocating function first):', byPath);
