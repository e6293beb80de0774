/**
 * A synthetic corpus for benchmarks: N documents written as seed files by recombining and varying the
 * real seed paragraphs, so that a scale run goes through the same pipeline paths as real input.
 *
 * Deterministic: the same options give the same bytes on every machine (a seeded PRNG, code-point sorting,
 * no clocks). What varies, and how often:
 * - places: any prefecture or county of the GB/T 2260 data, named in the title, issuer and document number;
 *   a few are scrubbed (`xx市`) as scraped pages often are;
 * - years 2003–2024, document types, titles, issuers, document numbers, signature dates, upload-date chrome;
 * - body: headings and paragraphs drawn from the seeds' own lines (their numbering redone), plus target
 *   sentences and lead/cooperating-agency clauses written for the document's place and year;
 * - files: compilations of 2–5 documents (`第一篇:` …), site chrome and ads, repeated paragraphs, HTML-entity
 *   debris, lines cut mid-character (U+FFFD), whole-file duplicates, GBK-encoded files.
 *
 *   node scripts/bench/generate.ts --documents 1000 --out /tmp/bench-seeds [--seed 1] [--seeds seeds]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { getDivisionChain, getDivisionIndex, type Division } from '../../src/lib/divisions.ts';
import { parseCommandLine } from '../lib/cli.ts';
import { decodeBytes } from '../pipeline/decode.ts';

export interface GenerateOptions {
  /** Number of distinct documents to write (whole-file duplicates come on top). */
  documents: number;
  /** Folder of real seed texts whose lines are recombined. */
  seedsDir: string;
  /** Folder to (re)create with the synthetic seed files. */
  outDir: string;
  /** PRNG seed. */
  seed?: number;
}

export interface GenerateResult {
  files: number;
  /** Distinct documents written. */
  documents: number;
  /** Files that repeat an earlier file byte for byte (ingest must drop their documents). */
  duplicateFiles: number;
  bytes: number;
}

/** Probabilities of each kind of noise; fixed so that runs at different N have the same mix. */
export const MIX = {
  compilation: 0.12,
  duplicateFile: 0.02,
  gbk: 0.03,
  chrome: 0.5,
  uploadDate: 0.3,
  scrubbedPlace: 0.04,
  repeatParagraph: 0.08,
  entityDebris: 0.05,
  truncatedLine: 0.1,
  county: 0.45,
} as const;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Material {
  headings: string[];
  paragraphs: string[];
  chrome: string[];
}

const NUMBERED_HEADING = /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*(?<text>\S.{1,30})$/u;
const NUMBER_PREFIX = /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．](?!\d))\s*/u;
const HAN = /\p{Script=Han}/gu;

/** Lines of the real seeds, sorted into headings, body paragraphs and short non-prose lines (chrome candidates). */
export function collectMaterial(seedsDir: string): Material {
  const headings = new Set<string>();
  const paragraphs = new Set<string>();
  const chrome = new Set<string>();
  const names = readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort();
  for (const name of names) {
    const decoded = decodeBytes(readFileSync(join(seedsDir, name)));
    if (!decoded.ok) continue;
    for (const raw of decoded.text.split(/\r?\n/u)) {
      const line = raw.replace(/\s+/gu, ' ').trim();
      // Lines already cut mid-character or compilation markers are noise the generator adds itself.
      if (line === '' || line.includes('\uFFFD') || /^第[一二三四五六七八九十]+篇/u.test(line)) continue;
      const han = (line.match(HAN) ?? []).length;
      const heading = NUMBERED_HEADING.exec(line);
      if (heading?.groups?.text && !/[。；;]$/u.test(line)) headings.add(heading.groups.text.replace(/[:：]$/u, ''));
      else if (han >= 40 && han / line.length > 0.6) paragraphs.add(line.replace(NUMBER_PREFIX, ''));
      else if (line.length <= 24 && han / line.length < 0.8) chrome.add(line);
    }
  }
  return { headings: [...headings], paragraphs: [...paragraphs], chrome: [...chrome] };
}

const TOPICS = ['科技创新', '创新驱动发展', '科技成果转化', '知识产权强市建设', '科技金融结合', '人才引进培养', '高新技术产业发展', '企业研发投入', '众创空间发展', '产学研合作', '科技特派员工作', '创新平台建设'];
const DOC_FORMS: ((place: string, year: number, topic: string) => string)[] = [
  (place, year) => `${place}${year}年科技工作要点`,
  (place, _year, topic) => `${place}关于加快${topic}的实施意见`,
  (place, _year, topic) => `${place}推进${topic}实施方案`,
  (place, _year, topic) => `${place}${topic}若干政策措施`,
  (place, _year, topic) => `${place}${topic}专项资金管理办法`,
  (place, year, topic) => `${place}人民政府关于印发${year}年${topic}工作方案的通知`,
];
const ISSUERS = ['人民政府', '人民政府办公室', '科学技术局', '科技局'];
const AGENCIES = ['科技局', '财政局', '发展改革委', '教育局', '人力资源社会保障局', '市场监管局', '工业和信息化局', '金融办', '税务局'];
const INDICATORS: ((scope: string, rnd: () => number) => string)[] = [
  (scope, rnd) => `${scope}高新技术企业数量达到${50 + Math.floor(rnd() * 900)}家`,
  (scope, rnd) => `${scope}研究与试验发展经费投入占地区生产总值比重达到${(1 + rnd() * 2.5).toFixed(1)}%`,
  (scope, rnd) => `${scope}每万人口发明专利拥有量达到${(2 + rnd() * 20).toFixed(1)}件`,
  (scope, rnd) => `${scope}技术合同成交额突破${1 + Math.floor(rnd() * 80)}亿元`,
  (scope, rnd) => `新建省级以上研发平台${5 + Math.floor(rnd() * 40)}个`,
  (scope, rnd) => `${scope}科技型中小企业达到${100 + Math.floor(rnd() * 2000)}家`,
  (scope, rnd) => `高新技术产业产值年均增长${5 + Math.floor(rnd() * 15)}%以上`,
];
const CHROME_TEMPLATES = ['您当前位置：首页 > 政务公开 > 政策文件', '【字体：大 中 小】 打印本页 关闭窗口', '扫一扫在手机打开当前页', '来源：本站原创 浏览次数：{n}', '版权所有 © {place}人民政府 技术支持：某某网络', '上一篇：无 下一篇：无', '相关推荐：工作总结 工作计划 心得体会'];
const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** Writes the synthetic corpus; the output folder is emptied first. */
export function generateCorpus(options: GenerateOptions): GenerateResult {
  const rnd = createRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const chance = (p: number): boolean => rnd() < p;
  const between = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));

  const material = collectMaterial(options.seedsDir);
  if (material.paragraphs.length === 0 || material.headings.length === 0) {
    throw new Error(`No usable paragraphs or headings in ${options.seedsDir}, expected real seed texts to recombine`);
  }
  const regular = getDivisionIndex().units.filter((u) => u.kind === 'regular' && u.parentCode !== null);
  const prefectures = regular.filter((u) => u.level === 'prefecture');
  const counties = regular.filter((u) => u.level === 'county' && !u.name.endsWith('区'));

  const placeLabel = (unit: Division): string => {
    // A county document sometimes names its prefecture first, as many real titles do (`<prefecture><county>`).
    const parent = getDivisionChain(unit.code).find((u) => u.level === 'prefecture');
    return unit.level === 'county' && parent && chance(0.3) ? `${parent.name}${unit.name}` : unit.name;
  };

  const documentText = (): string => {
    const unit = chance(MIX.county) ? pick(counties) : pick(prefectures);
    const scrubbed = chance(MIX.scrubbedPlace);
    const place = scrubbed ? `xx${unit.name.slice(-1)}` : placeLabel(unit);
    const year = between(2003, 2024);
    const topic = pick(TOPICS);
    const title = pick(DOC_FORMS)(place, year, topic);
    const suffix = unit.name.slice(-1);
    const lines: string[] = [title];
    if (chance(MIX.uploadDate)) lines.push(`时间：${between(2015, 2024)}-${pad(between(1, 12))}-${pad(between(1, 28))} ${pad(between(0, 23))}:${pad(between(0, 59))}:00`);
    const issuer = `${scrubbed ? place : unit.name}${pick(ISSUERS)}`;
    lines.push(issuer);
    if (chance(0.6)) lines.push(`${unit.shortName.slice(0, 1)}政${pick(['发', '办发', '办'])}〔${year}〕${between(1, 120)}号`);
    lines.push(`为深入实施创新驱动发展战略，加快推进${topic}，结合${scrubbed ? '本地' : unit.shortName}实际，制定本${title.endsWith('办法') ? '办法' : '方案'}。`);
    const sections = between(3, 7);
    for (let s = 0; s < sections; s++) {
      lines.push(`${CN_DIGITS[s]}、${pick(material.headings)}`);
      if (s === 0) {
        const targets = between(1, 3);
        const clauses = Array.from({ length: targets }, () => pick(INDICATORS)(`全${suffix}`, rnd));
        lines.push(`到${year + between(1, 5)}年，${clauses.join('，')}。`);
      }
      const subsections = chance(0.4) ? between(2, 4) : 0;
      const blocks = subsections || 1;
      for (let b = 0; b < blocks; b++) {
        if (subsections) lines.push(`（${CN_DIGITS[b]}）${pick(material.headings)}`);
        const count = between(1, subsections ? 3 : 5);
        for (let p = 0; p < count; p++) {
          let paragraph = pick(material.paragraphs);
          if (chance(0.3)) paragraph += `（${place}${pick(AGENCIES)}牵头，${place}${pick(AGENCIES)}、${place}${pick(AGENCIES)}配合）`;
          if (chance(MIX.entityDebris)) paragraph = insertAt(paragraph, between(0, paragraph.length), pick(['&nbsp;', '&amp;nbsp;', '&ldquo;', '&#12288;']));
          lines.push(paragraph);
          if (chance(MIX.repeatParagraph)) lines.push(paragraph);
        }
      }
    }
    lines.push(issuer, `${year}年${between(1, 12)}月${between(1, 28)}日`);
    if (chance(MIX.truncatedLine)) {
      // A scrape cut mid-character: the last body line loses its tail and gains U+FFFD.
      const index = lines.length - 3;
      const line = lines[index] ?? '';
      lines[index] = `${line.slice(0, Math.max(10, Math.floor(line.length / 2)))}\uFFFD`;
    }
    return lines.join('\n');
  };

  const chromeLine = (): string =>
    chance(0.5) && material.chrome.length > 0 ? pick(material.chrome) : pick(CHROME_TEMPLATES).replace('{n}', String(between(10, 9999))).replace('{place}', pick(prefectures).name);

  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const written: Buffer[] = [];
  let documents = 0;
  let duplicateFiles = 0;
  let bytes = 0;
  const write = (content: Buffer): void => {
    const name = `bench-${String(written.length).padStart(6, '0')}.txt`;
    writeFileSync(join(options.outDir, name), content);
    written.push(content);
    bytes += content.length;
  };
  while (documents < options.documents) {
    if (written.length > 0 && chance(MIX.duplicateFile)) {
      write(pick(written));
      duplicateFiles++;
      continue;
    }
    const count = chance(MIX.compilation) ? Math.min(between(2, 5), options.documents - documents) : 1;
    const parts: string[] = [];
    if (chance(MIX.chrome)) parts.push(chromeLine(), chromeLine());
    for (let d = 0; d < count; d++) parts.push(count > 1 ? `第${CN_DIGITS[d]}篇:${documentText()}` : documentText());
    if (chance(MIX.chrome)) parts.push(chromeLine());
    documents += count;
    const text = `${parts.join('\n\n')}\n`;
    write(chance(MIX.gbk) ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  }
  return { files: written.length, documents, duplicateFiles, bytes };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function insertAt(text: string, index: number, insert: string): string {
  const chars = [...text];
  chars.splice(Math.min(index, chars.length), 0, insert);
  return chars.join('');
}

const usage = `Usage: node scripts/bench/generate.ts --documents N --out DIR [--seed S] [--seeds DIR]

  --documents N   distinct documents to write (default 100)
  --out DIR       folder to (re)create; never inside the seeds folder
  --seed S        PRNG seed (default 1)
  --seeds DIR     real seed texts to recombine (default seeds)`;

function main(): number {
  const parsed = parseCommandLine(
    {
      options: {
        documents: { type: 'string', default: '100' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        seeds: { type: 'string', default: 'seeds' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const documents = Number(values.documents);
  if (!values.out || !Number.isInteger(documents) || documents < 1) {
    console.error(usage);
    return 2;
  }
  const result = generateCorpus({ documents, outDir: values.out, seedsDir: values.seeds, seed: Number(values.seed) });
  console.log(`${result.files} files, ${result.documents} documents (+ ${result.duplicateFiles} duplicate files), ${(result.bytes / 1e6).toFixed(1)} MB → ${values.out}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
