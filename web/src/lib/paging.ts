/** The page numbers to offer: the first, the last, and two either side of the current one. */
export function pageNumbers(page: number, pages: number): Array<number | 'gap'> {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: Array<number | 'gap'> = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) out.push('gap');
    out.push(n);
  });
  return out;
}
