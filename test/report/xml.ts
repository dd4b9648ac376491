// A strict little XML reader for the JUnit tests: enough of XML 1.0 to reject what CI
// parsers reject (stray `<` or `&`, unbalanced tags, forbidden characters, `]]>` in text),
// and to read attribute values back decoded so a test can compare them with the input.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const INVALID_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NAME = '[A-Za-z_][\\w.-]*';
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`, 'y');
const ATTR = new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, 'g');

export function parseXml(xml: string): XmlElement {
  const bad = INVALID_CHAR.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} is not allowed in XML 1.0`);
  let pos = /^<\?xml[^?]*\?>/.exec(xml)?.[0].length ?? 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (pos < xml.length) {
    if (xml[pos] !== '<') {
      const next = xml.indexOf('<', pos);
      const end = next < 0 ? xml.length : next;
      const raw = xml.slice(pos, end);
      if (raw.includes(']]>')) throw new Error(`']]>' in character data at ${pos}`);
      if (stack.length > 0) stack[stack.length - 1].text += decode(raw);
      else if (raw.trim() !== '') throw new Error(`text outside the root element at ${pos}`);
      pos = end;
      continue;
    }
    TAG.lastIndex = pos;
    const m = TAG.exec(xml);
    if (!m) throw new Error(`malformed markup at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 40))}`);
    pos = TAG.lastIndex;
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`</${name}> does not close <${top?.name}>`);
      if (stack.length === 0) root = top;
      continue;
    }
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (const a of attrText.matchAll(ATTR)) {
      if (a[1] in el.attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      el.attrs[a[1]] = decode(a[2]);
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error('more than one root element');
    if (!selfClose) stack.push(el);
    else if (stack.length === 0) root = el;
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements at end of document');
  return root;
}

function decode(s: string): string {
  return s.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));|&/g, (m, named?: string, dec?: string, hex?: string) => {
    if (named) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named as 'amp'];
    if (dec || hex) {
      const ch = String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16));
      if (INVALID_CHAR.test(ch)) throw new Error(`character reference ${m} is not allowed in XML 1.0`);
      return ch;
    }
    throw new Error(`bare '&' in ${JSON.stringify(s.slice(0, 60))}`);
  });
}

/** Every element named `name` in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}
