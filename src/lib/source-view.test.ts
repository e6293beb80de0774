import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ingestSeed } from '../../scripts/pipeline/index.ts';
import type { TextLine } from '../../scripts/pipeline/types.ts';
import { classifySourceLines, countStatuses, hasSourceView, loadSourceView, type SourceRow } from './source-view.ts';

function line(n: number, text: string, column = 1): TextLine {
  return { line: n, column, text, match: text, replacementChar: false };
}

describe('classifySourceLines', () => {
  const nav = line(1, '您当前位置:首页 - 新闻动态');
  const title = line(3, '某市科技创新实施方案');
  const date = line(4, '2015年3月1日');
  const body1 = line(5, '一、总体要求');
  const body2 = line(6, '为加快创新驱动发展,特制定本方案。_百度文库');
  const kept2 = { ...body2, text: '为加快创新驱动发展,特制定本方案。' };
  const flat1 = line(7, '加快建设一批创新平台,支持企业研发。', 1);
  const flat2 = line(7, '加快建设一批创新平台,支持企业研发。', 30);
  const footer = line(9, '主办:某市人民政府');
  const segment = {
    lines: [nav, title, date, body1, body2, flat1, flat2, footer],
    titleLine: title,
    compilationHeading: null,
    removed: [
      { line: nav, rule: 'nav' },
      { line: body2, rule: 'site-brand', fragment: '_百度文库' },
      { line: footer, rule: 'footer' },
      { line: date, rule: 'header' },
      { line: flat2, rule: 'duplicate-paragraph' },
    ],
    body: [body1, kept2, flat1],
  };
  const physical = ['您当前位置:首页 - 新闻动态', '', '某市科技创新实施方案', '2015年3月1日', '一、总体要求', '为加快…_百度文库', 'flat', '&&&&', '主办:某市人民政府', '下一篇'];
  const allLines = [...segment.lines, line(10, '下一篇')];
  const rows = classifySourceLines({
    physical,
    lines: allLines,
    segment,
    range: { startLine: 3, endLine: 7 },
    anchors: [
      { id: 's-1', line: 5 },
      { id: 'p-2', line: 6 },
      { id: 'p-3', line: 7 },
    ],
  });
  const brief = (row: SourceRow) => [row.line, row.column, row.first, row.status, row.rule, row.anchor];

  test('covers the segment (not only the record range), one row per piece, blank and emptied lines included', () => {
    expect(rows.map(brief)).toEqual([
      [1, 1, true, 'boilerplate', 'nav', null],
      [2, 1, true, 'blank', null, null],
      [3, 1, true, 'title', null, null],
      [4, 1, true, 'header', null, null],
      [5, 1, true, 'kept', null, 's-1'],
      [6, 1, true, 'trimmed', 'site-brand', 'p-2'],
      [7, 1, true, 'kept', null, 'p-3'],
      [7, 30, false, 'duplicate', 'duplicate-paragraph', null],
      [8, 1, true, 'dropped', 'normalize', null],
      [9, 1, true, 'boilerplate', 'footer', null],
    ]);
  });

  test('a trimmed line keeps its text apart from the removed tail; an emptied line shows the raw text', () => {
    const trimmed = rows.find((r) => r.status === 'trimmed')!;
    expect([trimmed.text, trimmed.removedTail]).toEqual(['为加快创新驱动发展,特制定本方案。', '_百度文库']);
    expect(rows.find((r) => r.status === 'dropped')?.text).toBe('&&&&');
  });

  test('lines of the file outside the segment are marked as such when the range reaches them', () => {
    const wide = classifySourceLines({ physical, lines: allLines, segment, range: { startLine: 3, endLine: 10 } });
    expect(wide.at(-1)).toMatchObject({ line: 10, status: 'outside' });
    expect(countStatuses(wide)).toMatchObject({ kept: 2, trimmed: 1, title: 1, header: 1, boilerplate: 2, duplicate: 1, dropped: 1, blank: 1, outside: 1 });
  });
});

describe('loadSourceView on the real seeds', () => {
  const seeds = readdirSync('seeds').filter((name) => name.endsWith('.txt'));

  test.each(seeds)('%s: every paragraph starts on a kept line, the title line is the title, removals match the diagnostics', (name) => {
    const result = ingestSeed({ path: name, bytes: readFileSync(join('seeds', name)) });
    const removals = result.file.messages.filter((m) => m.ruleId === 'boilerplate-removed' || m.ruleId === 'duplicate-paragraph');
    const removedAt = new Set(removals.map((m) => `${m.line}:${m.column}`));
    const removedOnLine = new Set(removals.map((m) => m.line));
    for (const { record } of result.documents) {
      const anchors = [...record.paragraphs.map((p) => ({ id: p.id, line: p.line }))];
      expect(hasSourceView(record.source, 'seeds')).toBe(true);
      const view = loadSourceView(record.source, anchors, 'seeds');
      expect(view.ok, record.id).toBe(true);
      if (!view.ok) continue;
      const keptLines = new Set(view.rows.filter((r) => r.status === 'kept' || r.status === 'trimmed').map((r) => r.line));
      for (const p of record.paragraphs) expect(keptLines.has(p.line), `${record.id} ${p.id} line ${p.line}`).toBe(true);
      expect(view.rows.filter((r) => r.anchor !== null).length).toBe(record.paragraphs.length);
      const titleEvidence = record.evidence.find((e) => e.field === 'title' && e.rule === 'title-line');
      if (titleEvidence) expect(view.rows.find((r) => r.line === titleEvidence.line)?.status).toBe('title');
      for (const row of view.rows.filter((r) => r.status === 'boilerplate' || r.status === 'duplicate' || r.status === 'trimmed')) {
        const reported = row.status === 'trimmed' ? removedOnLine.has(row.line) : removedAt.has(`${row.line}:${row.column}`);
        expect(reported, `${name} ${row.line}:${row.column}`).toBe(true);
      }
      expect(view.rows[0]!.line).toBeLessThanOrEqual(record.source.startLine);
      expect(view.rows.at(-1)!.line).toBeGreaterThanOrEqual(record.source.endLine);
    }
  });
});

describe('loadSourceView refuses what it cannot show truthfully', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-source-view-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = { file: '科技/方案.txt', startLine: 1, endLine: 3, sha256: 'a'.repeat(64), encoding: 'utf-8' };

  test('a missing seed', () => {
    expect(hasSourceView(source, dir)).toBe(false);
    expect(loadSourceView(source, [], dir)).toEqual({ ok: false, reason: 'missing' });
  });

  test('a seed changed since ingest (hash differs)', () => {
    const sub = join(dir, '科技');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, '方案.txt'), '某市科技创新实施方案\n为加快创新驱动发展,特制定本方案。\n');
    expect(hasSourceView(source, dir)).toBe(false);
    expect(loadSourceView(source, [], dir)).toEqual({ ok: false, reason: 'changed' });
  });
});
