import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';

const workspaceRoot = join(__dirname, '..', '..');

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
}

const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
  scarfSettings?: { enabled?: boolean };
};
const lockfile = JSON.parse(readFileSync(join(workspaceRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** `node_modules/a/node_modules/@scope/b` → `@scope/b` */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

const installed = Object.entries(lockfile.packages).filter(([path]) => path !== '');

/**
 * What `npm ci` prints on the oldest Node the README promises: no EBADENGINE warning, no
 * install script left unreviewed, and no install-time analytics.
 */
describe('a clean install', () => {
  const oldestNode = minVersion(manifest.engines.node)?.version ?? '';

  it('installs nothing that asks for a newer Node than the README promises', () => {
    expect(oldestNode).toBe('20.19.0');
    const tooNew = installed
      .filter(([, locked]) => {
        const range = Array.isArray(locked.engines) ? undefined : locked.engines?.node;
        return range !== undefined && !satisfies(oldestNode, range, { includePrerelease: true });
      })
      .map(
        ([path, locked]) =>
          `${nameOf(path)}@${locked.version} wants node ${JSON.stringify(locked.engines)}`,
      );
    expect(tooNew).toEqual([]);
  });

  it('has reviewed every install script, so npm lists none to review', () => {
    const unreviewed = installed
      .filter(([, locked]) => locked.hasInstallScript)
      .map(([path]) => nameOf(path))
      .filter((name) => manifest.allowScripts?.[name] === undefined);
    expect(unreviewed).toEqual([]);
  });

  it('runs no install-time analytics: scarf is denied its script and switched off', () => {
    expect(manifest.allowScripts?.['@scarf/scarf']).toBe(false);
    expect(manifest.scarfSettings).toEqual({ enabled: false });
  });
});
