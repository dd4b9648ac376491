// The reporters: pure functions from a HuntResult to text. Which file a report goes to,
// and whether the terminal gets colour, is the caller's business.
import type { HuntResult } from '../analysis/result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

export { renderHtml, type HtmlOptions } from './html.js';
export { renderJson } from './json.js';
export { renderJUnit } from './junit.js';
export { renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderTerminal, type TerminalOptions } from './terminal.js';

export const REPORT_FORMATS = ['terminal', 'json', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** Terminal only; default false, so output is plain unless the caller knows better. */
  color?: boolean;
  /** Terminal, Markdown and HTML: also list hidden browser-internal growth. */
  showInternal?: boolean;
  /** Terminal only: columns to fit tables into. */
  width?: number;
}

export function renderReport(result: HuntResult, format: ReportFormat, opts: ReportOptions = {}): string {
  switch (format) {
    case 'terminal':
      return renderTerminal(result, { color: opts.color ?? false, showInternal: opts.showInternal, width: opts.width });
    case 'json':
      return renderJson(result);
    case 'junit':
      return renderJUnit(result);
    case 'markdown':
      return renderMarkdown(result, { showInternal: opts.showInternal });
    case 'html':
      return renderHtml(result, { showInternal: opts.showInternal });
    default: {
      const never: never = format;
      throw new TypeError(`unknown report format: ${String(never)}`);
    }
  }
}
