import { describe, expect, it } from 'vitest';
import { prepareMailHtml } from './mailHtml';

describe('prepareMailHtml', () => {
  const html = `<html><head><title>x</title></head><body>
    <p>Confirm: <a href="http://localhost:3000/verify-email?token=abc123">confirm</a></p>
    <p><a href="https://www.example.org/info">elsewhere</a></p></body></html>`;

  it('points links to this app at the current origin and opens them in the top window', () => {
    const out = prepareMailHtml(html, 'http://localhost:5173');
    const doc = new DOMParser().parseFromString(out, 'text/html');
    const [verify, other] = Array.from(doc.querySelectorAll('a'));
    expect(verify.getAttribute('href')).toBe('http://localhost:5173/verify-email?token=abc123');
    expect(verify.getAttribute('target')).toBe('_top');
    expect(other.getAttribute('href')).toBe('https://www.example.org/info');
    expect(doc.querySelector('base')?.getAttribute('target')).toBe('_top');
  });
});
