import { describe, expect, it } from 'vitest';
import { findChromium, missingChromiumNotice } from '../scripts/lib/chromium.ts';

describe('findChromium', () => {
  it('uses only CHROMIUM_PATH when it is set', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeNull();
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });

  it('names where it looked in the notice', () => {
    expect(missingChromiumNotice({ CHROMIUM_PATH: '/nonexistent' })).toContain('CHROMIUM_PATH=/nonexistent');
  });
});
