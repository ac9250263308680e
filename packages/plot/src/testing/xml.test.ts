import { describe, expect, it } from 'vitest';
import { findAll, hasClass, parseXml, textOf } from './xml.js';

describe('parseXml (test helper)', () => {
  it('parses nested elements, attributes and entities', () => {
    const root = parseXml('<?xml version="1.0"?><svg a="1"><g class="x y"><text>a &amp; &lt;b&gt;</text></g><rect/></svg>');
    expect(root.name).toBe('svg');
    expect(findAll(root, hasClass('y'))).toHaveLength(1);
    expect(textOf(root)).toBe('a & <b>');
  });
  it.each([
    ['<svg><g></svg>', /closes/],
    ['<svg><g>', /unclosed/],
    ['<svg>a & b</svg>', /unescaped '&'/],
    ['<svg a=1/>', /not quoted/],
    ['<svg a="1" a="2"/>', /duplicate/],
    ['<svg/><svg/>', /more than one root/],
    ['<svg t="<"/>', /raw '<'/],
  ])('rejects %s', (src, msg) => {
    expect(() => parseXml(src)).toThrow(msg);
  });
});
