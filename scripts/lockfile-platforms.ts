/**
 * `npm run lock:platforms`: records in package-lock.json the optional
 * platform packages (darwin/win32/… builds of native bindings) that npm could
 * not look up when it wrote the lockfile.
 *
 * Why: a registry mirror that serves only the Linux builds makes npm leave
 * those entries out, and `npm ci` then refuses the lockfile ("Missing: … from
 * lock file"). Each entry added carries its `os`/`cpu`, so npm never fetches it
 * on another platform. Run it after `npm install` changes dependencies.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const OS: Record<string, string> = { darwin: 'darwin', win32: 'win32', windows: 'win32', linux: 'linux', android: 'android', freebsd: 'freebsd' };

/** The os/cpu/libc of a platform package, read from its name (`…-darwin-arm64`, `…-linux-x64-musl`, `…-wasm32-wasi`). */
function platformOf(name: string): Partial<Record<'os' | 'cpu' | 'libc', string[]>> | null {
  const hit = /[-/](darwin|win32|windows|linux|android|freebsd)-(arm64|x64|ia32|arm)(?:-(gnu|musl|msvc))?$/u.exec(name);
  if (hit?.[1] && hit[2]) {
    const libc = hit[3] === 'gnu' ? { libc: ['glibc'] } : hit[3] === 'musl' ? { libc: ['musl'] } : {};
    return { os: [OS[hit[1]] ?? hit[1]], cpu: [hit[2]], ...libc };
  }
  if (/-wasm32-wasi$/u.test(name)) return { cpu: ['wasm32'] };
  return null;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dependency}`;
    const platform = platformOf(dependency);
    if (lock.packages[key] || !platform) continue;
    lock.packages[key] = { version, ...platform, ...(entry.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}
const sorted = Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0));
lock.packages = Object.fromEntries(sorted);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} optional platform package(s) recorded in package-lock.json`);
