/**
 * Line rules for web-page chrome found around policy texts: ads and download
 * prompts, navigation, page metadata, footers, disclaimers. They describe
 * kinds of chrome (how sites phrase them), never a particular seed.
 */

export type ChromeKind = 'ad' | 'nav' | 'page-meta' | 'footer' | 'disclaimer' | 'site-intro' | 'empty-field';

export interface ChromeRule {
  kind: ChromeKind;
  pattern: RegExp;
}

const C = '[:：]';

/** Whole-line chrome patterns, tested against the simplified copy of a line. */
export const CHROME_RULES: readonly ChromeRule[] = [
  // Ads, paywalls and download prompts of document-sharing sites.
  { kind: 'ad', pattern: /热门资源|免费畅读|阅读会员|开通会员|立省\d*元|阅读已结束|下载文档到电脑|免费下载本文|想免费下载|下载本文|定制.{0,8}简历|你可能喜欢|猜你喜欢|相关推荐|随机推荐|热门推荐|精品推荐|相关文章|更多关于.{0,40}的文章|我要回帖|发表评论|网友评论|查看评论|分享到|扫一扫|打印本页|关闭窗口|返回顶部|收藏本页|上一篇[:：]?|下一篇[:：]?|点击下载|立即下载|VIP|付费阅读/u },
  // Navigation: breadcrumbs and site sections.
  { kind: 'nav', pattern: new RegExp(`^(?:您?(?:当前|现在|所在)的?位置${C}|当前位置|位置${C}\\s*首页|首页\\s*[>»>\\-–—/]|网站首页\\s*$|首页\\s*$)`, 'u') },
  // Page metadata: upload/publish times, hit counters, font-size switches.
  { kind: 'page-meta', pattern: new RegExp(`^(?:发布|发表|更新|上传|录入)?(?:时间|日期)${C}\\s*\\d{4}|点击(?:数|量|率)?${C}?\\s*\\d+|浏览(?:次数|量)?${C}?\\s*\\d+|阅读(?:次数|量)?${C}\\s*\\d+|【?字[体号](?:调整)?${C}?\\s*[大中小]|^作者${C}|^(?:责任)?编辑${C}|^(?:信息|文章)?来源${C}\\s*\\S{2,30}$`, 'u') },
  // Footers: hosting bodies, ICP numbers, copyright.
  { kind: 'footer', pattern: new RegExp(`ICP[备证]|公网安备|版权所有|Copyright|©|^主办${C}|^承办${C}|^协办${C}|^责任主体${C}|^技术支持${C}|^网站地图|^联系我们|网站标识码|^建议使用.{0,20}浏览器`, 'iu') },
  // Disclaimers of content farms.
  { kind: 'disclaimer', pattern: /免责声明|仅限学习|仅供学习|仅供参考.{0,10}请勿|如(?:有|涉及|产生).{0,8}(?:侵权|版权问题)|联系(?:我们|本站|管理员).{0,10}删除|转载请注明|不代表本站观点|来源于网友上传|网络整理/u },
  // Template-site introductions ("our editors prepared this sample essay").
  { kind: 'site-intro', pattern: /本站小编|精心(?:准备|整理|收集)了|愿这些范文|范文.{0,10}(?:火花|灵感)|欢迎(?:深入)?阅读并收藏|需要原创文章|咨询客服|^导语[:：]/u },
  // Empty metadata fields left by a template (`制发机关:` with no value).
  { kind: 'empty-field', pattern: new RegExp(`^(?:制发机关|发布日期|成文日期|发文机关|索引号|主题分类|发文字号|来源|标题)${C}\\s*$`, 'u') },
];

/** Brand names of document-sharing and template sites, which also appear glued to text (`…。公务员之家`). */
export const SITE_BRANDS: readonly string[] = [
  '百度文库',
  '道客巴巴',
  '豆丁网',
  '原创力文档',
  '文档之家',
  '公务员之家',
  '美章网',
  '范文网',
  '第一范文网',
  '好范文',
  '出国留学网',
  '应届毕业生网',
  '三一办公',
  '文库网',
  '人人文库',
  '淘豆网',
  '360文库',
  '资料文库',
];

/** Section names that sites print above a breadcrumb (`新闻动态`). */
export const SECTION_NAMES = /^(?:新闻动态|新闻中心|工作动态|通知公告|政策法规|政策文件|政务公开|信息公开|要闻动态|科技动态|图片新闻|首页)$/u;

/** Labels of page-metadata lines that carry evidence worth keeping (date, source). */
export const META_FIELDS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'page-date', pattern: /^(?:发布|发表|更新|上传|录入)?(?:时间|日期)[:：]\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)/u },
  { kind: 'source', pattern: /(?:^|\s)(?:信息|文章)?来源[:：]\s*([^\s&]{2,40})/u },
];

/** A trailing fragment naming a site brand glued to the end of text: `…目标。公务员之家`, `…_百度文库`. */
export function findGluedBrand(text: string): { index: number; fragment: string } | null {
  for (const brand of SITE_BRANDS) {
    if (!text.endsWith(brand)) continue;
    // `标题_百度文库`: the page title of a document-sharing site.
    const underscored = text.lastIndexOf('_', text.length - brand.length);
    if (underscored >= 0 && underscored === text.length - brand.length - 1) {
      const sentenceEnd = Math.max(text.lastIndexOf('。', underscored), text.lastIndexOf('.', underscored));
      const start = sentenceEnd >= 0 ? sentenceEnd + 1 : underscored;
      return { index: start, fragment: text.slice(start) };
    }
    const index = text.length - brand.length;
    if (index === 0) return { index, fragment: text };
    // Only when glued after the end of a sentence, so a brand mentioned in prose stays.
    if (/[。!！?？;；)）”」]$/u.test(text.slice(0, index))) return { index, fragment: brand };
  }
  return null;
}

/** Lines longer than this are body text even if they mention a chrome phrase. */
const MAX_CHROME_LENGTH = 120;

/** Classifies a whole line as page chrome, or returns null. */
export function classifyChrome(match: string): ChromeKind | null {
  if (match.length > MAX_CHROME_LENGTH) return null;
  if (SECTION_NAMES.test(match)) return 'nav';
  // A sentence ending in 。 that merely mentions 点击量, 推荐 or 删除 is policy text; chrome that ends in 。 is a disclaimer or a template intro
  // (ads end in `!` or nothing).
  const sentence = match.length >= 15 && /。$/u.test(match);
  for (const rule of CHROME_RULES) {
    if (sentence && rule.kind !== 'disclaimer' && rule.kind !== 'site-intro') continue;
    if (rule.pattern.test(match)) return rule.kind;
  }
  if (SITE_BRANDS.some((brand) => match.includes(brand)) && match.length <= 60 && !/[。;；]/u.test(match)) return 'nav';
  return null;
}
