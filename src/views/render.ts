import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Server-side rendering: preact escapes every text and attribute value by default. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
