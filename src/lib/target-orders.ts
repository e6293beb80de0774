/** The orders of the all-targets table and the address of each page in each order. */
import type { TargetSort } from './aggregate.ts';

export type TargetOrder = Exclude<TargetSort, 'value'>;

export const TARGET_ORDERS: { order: TargetOrder; zh: string; en: string }[] = [
  { order: 'indicator', zh: '按指标', en: 'by indicator' },
  { order: 'place', zh: '按地区', en: 'by place' },
  { order: 'year', zh: '按目标年份', en: 'by target year' },
];

/** `/targets/` for page 1 of the default order, `/targets/order/<order>/[<page>/]` otherwise. */
export function targetsHref(order: TargetOrder, page = 1): string {
  if (order === 'indicator' && page === 1) return '/targets/';
  return page === 1 ? `/targets/order/${order}/` : `/targets/order/${order}/${page}/`;
}
