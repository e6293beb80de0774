import { describe, expect, test } from 'vitest';
import { runStep, treeRss } from './measure.ts';

describe('runStep', () => {
  test('measures wall time and the peak memory of the whole process tree, child processes included', async () => {
    // The step starts a child that holds 300 MB for half a second: the peak must count the grandchild.
    const script = `
      const { spawnSync } = require('node:child_process');
      spawnSync(process.execPath, ['-e', 'const b = Buffer.alloc(300 * 1024 * 1024, 1); setTimeout(() => console.log(b[0]), 500)'], { stdio: 'inherit' });
    `;
    const result = await runStep({ label: 'alloc', command: process.execPath, args: ['-e', script] });
    expect(result.exitCode).toBe(0);
    expect(result.seconds).toBeGreaterThan(0.5);
    expect(result.peakRss).toBeGreaterThan(300 * 1024 * 1024);
    expect(result.tail).toContain('1');
  });

  test('a failing step resolves with its exit code and output, it does not throw', async () => {
    const result = await runStep({ label: 'fail', command: process.execPath, args: ['-e', 'console.error("broken on purpose"); process.exit(3)'] });
    expect(result.exitCode).toBe(3);
    expect(result.tail).toContain('broken on purpose');
  });

  test('keeps an RSS timeline when asked', async () => {
    const result = await runStep({ label: 'wait', command: process.execPath, args: ['-e', 'setTimeout(() => {}, 300)'], timeline: true, intervalMs: 20 });
    expect(result.timeline?.length).toBeGreaterThan(3);
    expect(treeRss(process.pid)).toBeGreaterThan(10 * 1024 * 1024);
  });
});
