/**
 * boilerplate-rules: which whole lines are page chrome (and of what kind),
 * which site names are glued to text, and which page metadata is evidence.
 * Chrome lines are copied from the seeds; body lines are policy sentences.
 */
import { describe, expect, test } from 'vitest';
import { classifyChrome, findGluedBrand, META_FIELDS } from './boilerplate-rules.ts';

describe('classifyChrome: chrome lines from the seeds', () => {
  test.each([
    ['两大类热门资源免费畅读', 'ad'], // 001:7
    ['续费一年阅读会员,立省24元!', 'ad'], // 001:8
    ['阅读已结束,下载文档到电脑', 'ad'], // 001:10
    ['想免费下载本文?', 'ad'], // 001:11
    ['定制HR最喜欢的简历', 'ad'], // 001:12
    ['你可能喜欢综合服务政策专栏', 'ad'], // 001:13
    ['我要回帖', 'ad'], // 001:167
    ['更多关于 科技创新驱动发展战略 的文章', 'ad'], // 001:169
    ['随机推荐', 'ad'], // 001:173
    ['新闻动态', 'nav'], // 003:1
    ['您当前位置:首页 - 新闻动态', 'nav'], // 003:2
    ['美章网 资料文库 提升创新力工作方案范文', 'nav'], // 000:1
    ['时间:2022-11-15 02:12:00', 'page-meta'], // 004:3
    ['发布时间:2013-03-03浏览次数:640【字体调整:大 中 小】', 'page-meta'], // 002:74
    ['发布时间:日 来源:本溪市政务公开办 点击:3401', 'page-meta'], // 001:15 after normalize
    ['来源:江苏省科技厅', 'page-meta'], // 002:84
    ['辽ICP备号-1', 'footer'], // 001:165
    ['主办:本溪市人民政府', 'footer'], // 001:163
    ['责任主体:本溪市人民政府办公厅 承办:本溪政务网管理中心', 'footer'], // 001:164
    ['来源:网络整理 免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。', 'disclaimer'], // 002:119
    // 004:5 starts like a 导语 but is worded as a disclaimer (网友上传, 不代表本站观点).
    ['导语:科技先进城市创建工作实施方案一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。', 'disclaimer'],
    ['导语:本文介绍了科技工作要点的写作要求和主要内容。', 'site-intro'],
    ['本站小编为你精心准备了提升创新力工作方案参考范文,愿这些范文能点燃您思维的火花,激发您的写作灵感。欢迎深入阅读并收藏。', 'site-intro'], // 000:5
    ['制发机关:', 'empty-field'], // 001:4
    ['发布日期:', 'empty-field'], // 001:5
    ['发文字号: ', 'empty-field'],
  ])('%s → %s', (line, kind) => {
    expect(classifyChrome(line)).toBe(kind);
  });

  test.each([
    ['制发机关：', 'empty-field'],
    ['来源：江苏省科技厅', 'page-meta'],
    ['您当前位置：首页 > 新闻动态', 'nav'],
    ['发布时间：2013-03-03', 'page-meta'],
    ['主办：本溪市人民政府', 'footer'],
  ])('full-width colon: %s → %s', (line, kind) => {
    // BUG (boilerplate-rules.ts): `const C = '[::]'` holds the ASCII colon twice (the full-width
    // `：` was meant), so every labelled chrome line written with `：`, the usual form on
    // Chinese pages, is kept as body text.
    expect(classifyChrome(line)).toBe(kind);
  });
});

describe('classifyChrome: body text that mentions similar words stays', () => {
  test.each([
    ['各单位可登录市科技局网站下载申报书,填写后于6月30日前报送市科技局,逾期不予受理。'],
    ['建立多元化科技投入体系,拓宽科技经费来源,引导社会资本投向科技创新。'],
    ['资金来源:市财政科技专项资金和企业自筹资金,按照1:1比例配套。'],
    ['我市与百度文库合作建设数字图书馆,推动优质科技文献资源免费开放。'],
    ['提升创新力工作方案'],
    ['一、总体要求'],
    ['2013年全省科技工作要点'],
    ['市经济和信息化委'],
    // Longer than 120 characters: body text even though it names a chrome phrase.
    [`${'加快推进科技成果转化,'.repeat(11)}建立科技成果网上免费下载本文库和推荐制度。`],
  ])('%s', (line) => {
    expect(classifyChrome(line)).toBeNull();
  });

  test.each([
    ['推进政务网站建设,力争市政府门户网站日均点击量10万次以上。', 'page-meta 点击量 \\d+'],
    ['建立院士专家推荐制度,相关推荐人选由市科协会同市人社局审核后报市政府。', 'ad 相关推荐'],
    ['加大知识产权执法力度,对网络侵权行为责令限期删除,情节严重的依法查处。', 'disclaimer 侵权.{0,10}删除'],
  ])('a policy sentence is not chrome: %s (wrongly matched by %s)', (line) => {
    // BUG (boilerplate-rules.ts CHROME_RULES): the ad/page-meta/disclaimer patterns match a
    // phrase anywhere in any line up to 120 characters, so short policy sentences that end
    // in 。 and merely use the same words are removed as chrome. Lines that read as prose
    // (comma-separated clauses ending in 。) should need more than a phrase match.
    expect(classifyChrome(line)).toBeNull();
  });
});

describe('findGluedBrand', () => {
  test.each([
    [
      'seed 001 line 6 end: a 百度文库 page title glued after the last sentence',
      '牵头单位:市委宣传部;责任单位:市发展改革委、市总工会、团市委、市妇联、市科协等。如何实施创新驱动发展战略_百度文库',
      '如何实施创新驱动发展战略_百度文库',
    ],
    [
      'seed 004 line 83 end: a site name glued after 。',
      '主要用于推动全市科技进步和科技创新服务中心建设。公务员之家',
      '公务员之家',
    ],
    ['after a closing bracket', '(市科技局牵头负责,市经贸局配合)美章网', '美章网'],
    ['after a full-width period', '提升企业自主创新能力。道客巴巴', '道客巴巴'],
    ['a 百度文库 page title alone', '如何实施创新驱动发展战略_百度文库', '_百度文库'],
  ])('%s', (_name, text, fragment) => {
    const hit = findGluedBrand(text);
    expect(hit?.fragment).toBe(fragment);
    expect(text.slice(hit?.index ?? 0)).toBe(fragment);
  });

  test.each([
    ['a brand named in prose', '我市与百度文库合作建设数字图书馆'],
    ['a brand at the end of a clause, not after a sentence', '鼓励企业在文库网'],
    ['no brand', '主要用于推动全市科技进步和科技创新服务中心建设。'],
    ['empty', ''],
  ])('no glued brand: %s', (_name, text) => {
    expect(findGluedBrand(text)).toBeNull();
  });
});

describe('META_FIELDS', () => {
  function fields(line: string): [string, string][] {
    return META_FIELDS.flatMap((field) => {
      const hit = field.pattern.exec(line);
      return hit?.[1] ? [[field.kind, hit[1]] as [string, string]] : [];
    });
  }

  test.each([
    ['时间:2022-11-15 02:12:00', [['page-date', '2022-11-15 02:12:00']]],
    ['发布时间:2013-03-03浏览次数:640【字体调整:大 中 小】', [['page-date', '2013-03-03']]],
    ['发布日期:2016年7月8日', [['page-date', '2016年7月8日']]],
    ['来源:江苏省科技厅', [['source', '江苏省科技厅']]],
    ['发布时间:日 来源:本溪市政务公开办 点击:3401', [['source', '本溪市政务公开办']]],
    ['信息来源:湘西自治州科学技术局', [['source', '湘西自治州科学技术局']]],
    ['一、总体要求', []],
    ['发布日期:', []],
  ])('%s', (line, expected) => {
    expect(fields(line)).toEqual(expected);
  });

  test.each([
    ['来源：江苏省科技厅', [['source', '江苏省科技厅']]],
    ['发布时间：2013-03-03', [['page-date', '2013-03-03']]],
  ])('full-width colon: %s', (line, expected) => {
    // BUG: same `[::]` class as above (the full-width `：` is missing).
    expect(fields(line)).toEqual(expected);
  });
});
