import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../core';

describe('resolveInside', () => {
  const root = path.resolve('/srv/ayil/renderer');

  it('resolves ordinary paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app%20x.js')).toBe(path.join(root, 'assets', 'app x.js'));
  });

  it('refuses anything that would leave the root', () => {
    for (const hostile of ['/../secret', '/assets/../../etc/passwd', '/%2e%2e/secret', '/..%2fsecret', '/a\\..\\b', '/C:/Windows', '/x%00.js', '/%E0%A4%A']) {
      expect(resolveInside(root, hostile), hostile).toBeNull();
    }
  });
});
