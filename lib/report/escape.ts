// Escaping per output target. Class names, edge names, URLs and messages come from the
// page under test, so a hostile page can name a class `<img onerror=…>` or `\x1b[2J`.
// Every renderer passes page text through `cleanText` (neutralises control characters
// for all targets) and then through its own target's escaper.

// CSI (ESC [ … final), OSC (ESC ] … BEL/ST), the 8-bit CSI, and two-byte ESC sequences.
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]|\u001b[ -~]?/g;
// C0, DEL and C1 controls; bidirectional overrides (they reorder what a reader sees);
// lone surrogates and the two non-characters XML rejects.
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const REPLACEMENT = '\uFFFD';

/** Longest page string a report shows; the JSON report keeps everything. */
export const MAX_TEXT = 300;

/**
 * One line of page-provided text that is safe to print anywhere: escape sequences
 * removed, other control characters (newlines included) shown as U+FFFD, long text cut.
 */
export function cleanText(s: unknown, max = MAX_TEXT): string {
  let t = String(s ?? '')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\t\n\r]/g, ' ')
    .replace(UNSAFE_CHAR, REPLACEMENT);
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t;
}

/** Like `cleanText` but keeps line breaks: for error messages, which are often multi-line. */
export function cleanLines(s: unknown, max = MAX_TEXT * 10): string[] {
  return String(s ?? '')
    .slice(0, max)
    .split(/\r\n|\r|\n/)
    .map((line) => cleanText(line, max));
}

/** Length in code points: what a monospace reader counts for narrow characters. */
export function displayLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in HTML text and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

// XML 1.0 allows only these characters, even as character references.
const XML_INVALID = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** XML text content; newlines are kept, since JUnit bodies carry multi-line traces. */
export function escapeXml(s: string): string {
  return s.replace(XML_INVALID, REPLACEMENT).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** XML attribute value: also encodes whitespace that attribute normalisation would fold. */
export function escapeXmlAttr(s: string): string {
  return escapeXml(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/**
 * Markdown text outside code, for inline use (never at a line start): the characters that
 * open emphasis, links, code, raw HTML, entities, strikethrough or table cells are
 * backslash-escaped, which CommonMark defines to mean the literal character.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>&|~!#@$]/g, '\\$&');
}

/**
 * An inline code span holding `s` literally: nothing inside is parsed as Markdown or HTML,
 * and GitHub does not turn `@names` in code into mentions. The fence is one backtick
 * longer than the longest run inside. In a table cell GFM still splits on `|`, so pipes
 * are escaped there (GFM unescapes `\|` inside code spans in tables).
 */
export function markdownCode(s: string, inTable = false): string {
  const text = inTable ? s.replace(/\|/g, '\\|') : s;
  if (text === '') return '` `';
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that no line of `body` can close early. */
export function markdownCodeBlock(body: string, info = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
