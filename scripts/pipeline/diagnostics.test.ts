/**
 * diagnostics: positioned vfile messages with the three severities the
 * pipeline uses (error = fatal that does not throw, warning, info).
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { countMessages, placeOf, report, SOURCE } from './diagnostics.ts';
import type { TextLine } from './types.ts';

const LINE: TextLine = { text: '1、加大政府投入力度。公务员之家', match: '1、加大政府投入力度。公务员之家', line: 83, column: 3, replacementChar: false };

describe('placeOf', () => {
  test('the whole logical line by default', () => {
    expect(placeOf(LINE)).toEqual({ line: 83, column: 3, length: 16 });
  });

  test('a phrase inside the line', () => {
    expect(placeOf(LINE, 11)).toEqual({ line: 83, column: 14, length: 5 });
    expect(placeOf(LINE, 2, 4)).toEqual({ line: 83, column: 5, length: 4 });
  });

  test('a negative length is clamped to 0', () => {
    expect(placeOf(LINE, 20).length).toBe(0);
  });
});

describe('report', () => {
  test.each([
    ['error', true],
    ['warning', false],
    ['info', undefined],
  ] as const)('%s → fatal %s, without throwing', (severity, fatal) => {
    const file = new VFile({ path: 'seeds/科技先进城市创建工作实施方案.txt' });
    expect(() => report(file, severity, 'Unexpected x, expected y', 'some-rule', { line: 83, column: 14, length: 5 })).not.toThrow();
    const [message] = file.messages;
    expect(message).toMatchObject({ line: 83, column: 14, ruleId: 'some-rule', source: SOURCE, fatal });
    expect(message?.place).toEqual({ start: { line: 83, column: 14 }, end: { line: 83, column: 19 } });
    expect(message?.file).toBe('seeds/科技先进城市创建工作实施方案.txt');
  });

  test('a cause points at the related place as a one-line error', () => {
    const file = new VFile({ path: 'seeds/x.txt' });
    report(file, 'warning', 'Unexpected repeated paragraph', 'duplicate-paragraph', { line: 15, column: 1 }, { line: 5, column: 1 });
    const cause = file.messages[0]?.cause as Error;
    expect(cause.message).toBe('see seeds/x.txt:5:1');
    expect(cause.stack).toBe(cause.message);
  });

  test('without a place the message has no line', () => {
    const file = new VFile({ path: 'seeds/x.txt' });
    report(file, 'warning', 'Unexpected file', 'no-documents');
    expect(file.messages[0]?.line).toBeUndefined();
  });
});

describe('countMessages', () => {
  test('counts by severity across files', () => {
    const a = new VFile({ path: 'a.txt' });
    const b = new VFile({ path: 'b.txt' });
    report(a, 'error', 'e', 'r');
    report(a, 'warning', 'w', 'r');
    report(b, 'warning', 'w', 'r');
    report(b, 'info', 'i', 'r');
    report(b, 'info', 'i', 'r');
    expect(countMessages([a, b])).toEqual({ errors: 1, warnings: 2, infos: 2 });
    expect(countMessages([])).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });
});
