/**
 * The forms in which a secret can leak besides its own text: base64 (at every byte
 * alignment, since a secret inside a longer encoded string shifts), base64url, the
 * JSON-escaped and URL-encoded text, and each line of a multi-line value.
 */
export function derivedForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = new Set<string>([secret]);
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 3) forms.add(line.trim());
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(encodeURIComponent(secret));
  // as the URL parser writes it in a query and in a path (it leaves ' and other characters alone
  // or encodes them differently from encodeURIComponent)
  forms.add(new URL(`http://x/?${secret}`).search.slice(1));
  forms.add(new URL(`http://x/${secret.replace(/[?#]/g, encodeURIComponent)}`).pathname.slice(1));
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.from('x'.repeat(shift) + secret, 'utf8').toString('base64');
    const stable = stableBase64Core(encoded, shift, Buffer.byteLength(secret, 'utf8'));
    if (stable.length >= 4) {
      forms.add(stable);
      forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((form) => form.length > 0);
}

/**
 * The part of a base64 string that depends only on the secret's bytes, whatever comes
 * before or after it: skip the characters touched by the `shift` prefix bytes and drop the
 * last group that may mix with following bytes.
 */
function stableBase64Core(encoded: string, shift: number, secretBytes: number): string {
  const startChar = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
  const endBits = (shift + secretBytes) * 8;
  const endChar = Math.floor(endBits / 6);
  return encoded.slice(startChar, endChar).replace(/=+$/, '');
}
