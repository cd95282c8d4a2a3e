import { afterEach, describe, expect, it } from '@jest/globals';
import { derivedForms, displayUrl, maskSecret, maskUrlCredentials, redact, resetMaskedSecrets } from '../src/index.js';

afterEach(() => resetMaskedSecrets());

describe('derivedForms', () => {
  const secret = 'p@ss "word"/ü';

  it('holds the value, JSON and URL escapes', () => {
    const forms = derivedForms(secret);
    expect(forms).toContain(secret);
    expect(forms).toContain('p@ss \\"word\\"/ü');
    expect(forms).toContain(encodeURIComponent(secret));
  });

  it('finds the secret base64-encoded inside longer strings at every alignment', () => {
    const forms = derivedForms(secret);
    for (const prefix of ['', 'a', 'ab', 'abc', 'Basic user:']) {
      const encoded = Buffer.from(`${prefix}${secret}!trailing`).toString('base64');
      expect(forms.some((form) => encoded.includes(form))).toBe(true);
      const url = encoded.replace(/\+/g, '-').replace(/\//g, '_');
      expect(forms.some((form) => url.includes(form))).toBe(true);
    }
  });

  it('adds each line of a multi-line secret', () => {
    expect(derivedForms('line-one\nline-two')).toEqual(expect.arrayContaining(['line-one', 'line-two']));
  });

  it('has no forms for an empty value', () => {
    expect(derivedForms('')).toEqual([]);
  });
});

describe('maskSecret and redact', () => {
  it('registers each form once and redacts them all', () => {
    const registered: string[] = [];
    maskSecret('hunter2-token', (v) => registered.push(v));
    maskSecret('hunter2-token', (v) => registered.push(v));
    expect(new Set(registered).size).toBe(registered.length);
    expect(registered).toContain('hunter2-token');
    const b64 = Buffer.from('Bearer hunter2-token').toString('base64');
    const text = `token=hunter2-token header=${b64} json="hunter2-token"`;
    const out = redact(text);
    expect(out).not.toContain('hunter2-token');
    expect(derivedForms('hunter2-token').some((form) => out.includes(form))).toBe(false);
    expect(out.startsWith('token=*** header=')).toBe(true);
  });
});

describe('URL credentials', () => {
  it('masks user, password and user:pass and hides them in the shown URL', () => {
    const url = new URL('https://alice:s%3Acret@example.test/health');
    const shown = maskUrlCredentials(url);
    expect(shown).toBe('https://***@example.test/health');
    expect(displayUrl(new URL('https://example.test/'))).toBe('https://example.test/');
    expect(redact('alice:s:cret and s:cret')).toBe('*** and ***');
  });
});
