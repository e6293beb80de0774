/**
 * Finding and launching the system Chromium for browser tests and benchmarks (never a downloaded one).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Default places for a Debian/Ubuntu Chromium. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags that keep headless Chromium quiet, offline and container-safe. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when running under CI, where a missing browser is an error rather than a skip. */
export const isCI = process.env.CI === 'true';

/** Path of a Chromium executable: `CHROMIUM_PATH` when set (and only it), else the first default that exists; null if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CHROMIUM_CANDIDATES;
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** The multi-line notice printed when no Chromium is found. */
export function missingChromiumNotice(env: NodeJS.ProcessEnv = process.env): string {
  const looked = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH}` : CHROMIUM_CANDIDATES.join(', ');
  const bar = '!'.repeat(78);
  return [
    '',
    bar,
    '!!  BROWSER TESTS ' + (isCI ? 'FAILED' : 'SKIPPED') + ': no Chromium found.',
    `!!  Looked at: ${looked}`,
    '!!  Install it:  apt-get install -y chromium fonts-noto-cjk',
    '!!  or point CHROMIUM_PATH at a Chromium binary.',
    isCI
      ? '!!  CI=true: a missing browser fails the run.'
      : '!!  The site pages were NOT checked in a browser in this run.',
    bar,
    '',
  ].join('\n');
}

/** Launches headless Chromium from the given path with the standard flags. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
