/** `/feed.xml`: RSS 2.0 feed of the newest documents (by year of issue; documents carry no exact date). */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { loadAtlas } from '../lib/atlas.ts';
import { feedItems } from '../lib/feed.ts';

export const GET: APIRoute = async (context) => {
  const atlas = await loadAtlas();
  return rss({
    title: '创新政策图谱 · Innovation Policy Atlas',
    description: '新收录的中国地方科技创新政策文件 · Newly added Chinese local innovation policy documents',
    site: context.site ?? 'http://localhost/',
    items: feedItems(atlas.input.documents),
    customData: '<language>zh-CN</language>',
    trailingSlash: true,
  });
};
