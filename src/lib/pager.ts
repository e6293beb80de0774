/**
 * Which page numbers a pager shows: the first, the last and `radius` either side of the current one; null
 * marks a gap of two or more pages (a gap of one shows that page instead).
 */
export function pagerWindow(current: number, total: number, radius = 2): (number | null)[] {
  const keep = (page: number): boolean => page === 1 || page === total || Math.abs(page - current) <= radius;
  const shown: (number | null)[] = [];
  for (let page = 1; page <= total; page++) {
    if (keep(page) || (keep(page - 1) && keep(page + 1))) shown.push(page);
    else if (shown.at(-1) !== null) shown.push(null);
  }
  return shown;
}
