/**
 * The GOV.UK pagination component's parameters for a paged list: previous and next, the first and
 * last pages, and two either side of the current one, with ellipses between.
 * @example govukPagination(pagination(3, 12, (n) => `/children/${id}/viewers?page=${n}`))
 */
export function pagination(page: number, pages: number, hrefFor: (page: number) => string) {
  if (pages <= 1) return null;
  return {
    previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
    next: page < pages ? { href: hrefFor(page + 1) } : undefined,
    items: Array.from({ length: pages }, (_, i) => i + 1)
      .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
      .flatMap((n, i, arr) => [
        ...(i > 0 && n - (arr[i - 1] ?? n) > 1 ? [{ ellipsis: true }] : []),
        { number: n, href: hrefFor(n), current: n === page },
      ]),
  };
}
