/** Page links with the current page marked for assistive technologies. */
export function Pagination({ page, pageCount, urlOf }: { page: number; pageCount: number; urlOf: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const pages = visiblePages(page, pageCount);
  return (
    <nav class="pagination" aria-label="Pagination">
      <ul>
        {page > 1 ? (
          <li>
            <a href={urlOf(page - 1)} rel="prev">
              <span aria-hidden="true">‹</span> Précédente
            </a>
          </li>
        ) : null}
        {pages.map((n, index) =>
          n === null ? (
            <li aria-hidden="true" key={`gap-${index}`}>
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <a href={urlOf(n)} aria-current="page">
                  <span class="visually-hidden">Page </span>
                  {n}
                </a>
              ) : (
                <a href={urlOf(n)}>
                  <span class="visually-hidden">Page </span>
                  {n}
                </a>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <a href={urlOf(page + 1)} rel="next">
              Suivante <span aria-hidden="true">›</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** First, last, and two pages around the current one; null marks a gap. */
export function visiblePages(page: number, pageCount: number): Array<number | null> {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: Array<number | null> = [];
  sorted.forEach((n, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && n - previous > 1) result.push(null);
    result.push(n);
  });
  return result;
}
