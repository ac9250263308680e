/**
 * A minimal, strict XML parser for tests: checks well-formedness (balanced tags, quoted unique
 * attributes, only known entities, no raw '<' or '&' in text) and returns an element tree to query.
 * Not a general XML parser: no DTDs, CDATA or namespaces beyond plain attribute names.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw '<' in ${where}`);
  const stripped = raw.replace(ENTITY, '');
  if (stripped.includes('&')) throw new Error(`unescaped '&' in ${where}: ${raw.slice(0, 60)}`);
  return raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    const chunk = source.slice(i, textEnd);
    if (chunk.trim()) {
      if (stack.length === 1) throw new Error(`text outside the root element: ${chunk.slice(0, 40)}`);
      stack[stack.length - 1].text += decode(chunk, 'text');
    }
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end === -1) throw new Error('unterminated processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end === -1) throw new Error('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      const m = NAME.exec(source.slice(i + 2));
      if (!m) throw new Error(`bad closing tag at ${i}`);
      const close = source.indexOf('>', i);
      if (source.slice(i + 2 + m[0].length, close).trim()) throw new Error(`junk in closing tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name}> at ${i}`);
      i = close + 1;
    } else {
      const m = NAME.exec(source.slice(i + 1));
      if (!m) throw new Error(`bad tag at ${i}: ${source.slice(i, i + 20)}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
      let j = i + 1 + m[0].length;
      for (;;) {
        while (/\s/.test(source[j] ?? '')) j++;
        if (source.startsWith('/>', j) || source[j] === '>') break;
        const an = NAME.exec(source.slice(j));
        if (!an) throw new Error(`bad attribute in <${el.name}> at ${j}: ${source.slice(j, j + 20)}`);
        j += an[0].length;
        if (source[j] !== '=' || (source[j + 1] !== '"' && source[j + 1] !== "'")) {
          throw new Error(`attribute ${an[0]} of <${el.name}> is not quoted`);
        }
        const q = source[j + 1];
        const end = source.indexOf(q, j + 2);
        if (end === -1) throw new Error(`unterminated attribute ${an[0]}`);
        if (an[0] in el.attrs) throw new Error(`duplicate attribute ${an[0]} in <${el.name}>`);
        el.attrs[an[0]] = decode(source.slice(j + 2, end), `attribute ${an[0]}`);
        j = end + 1;
        if (!/[\s/>]/.test(source[j] ?? '')) throw new Error(`missing space after attribute ${an[0]}`);
      }
      const parent = stack[stack.length - 1];
      if (parent === root && root.children.length > 0) throw new Error('more than one root element');
      parent.children.push(el);
      if (source[j] === '>') {
        stack.push(el);
        i = j + 1;
      } else i = j + 2;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0];
}

/** All descendants (depth first) matching a predicate. */
export function findAll(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (pred(c)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export const hasClass = (cls: string) => (e: XmlElement) => (e.attrs.class ?? '').split(/\s+/).includes(cls);

/** Text content of an element and its descendants. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}
