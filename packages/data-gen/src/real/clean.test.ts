import { describe, expect, it } from 'vitest';
import { cleanBrown, cleanEmail, normalizeWhitespace, stripHtml } from './clean.js';

describe('corpus cleaning', () => {
  it('drops email headers, quoted-printable escapes and HTML', () => {
    const raw = 'From: a@b.c\nSubject: hi\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><p>Price:&nbsp;12 dollars=\n now</p><style>p{}</style>caf=E9</body></html>\n';
    expect(cleanEmail(raw)).toBe('Price: 12 dollars now\ncafé');
  });

  it('turns tagged Brown text into prose', () => {
    expect(cleanBrown("\tThe/at jury/nn said/vbd ``/`` no/at ''/'' ,/, it/pps didn't/dod* ./.\n")).toBe('The jury said "no", it didn\'t.');
  });

  it('normalises whitespace and decodes entities', () => {
    expect(normalizeWhitespace('  a \t b\n\n\n\n c  ')).toBe('a b\n\nc');
    expect(stripHtml('a&amp;b &#65;')).toBe('a&b A');
  });
});
