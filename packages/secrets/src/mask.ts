import * as core from '@actions/core';
import { derivedForms } from './derived-forms.js';

const registered = new Set<string>();

/**
 * Registers a secret and its derived forms with the runner (::add-mask::) and keeps them
 * for redact(). Call it before the first line that could contain the value is printed.
 */
export function maskSecret(secret: string, register: (value: string) => void = core.setSecret): void {
  for (const form of derivedForms(secret)) {
    if (registered.has(form)) continue;
    registered.add(form);
    register(form);
  }
}

/**
 * Replaces every registered secret form in a text with ***. Used on text the action itself
 * builds from outside data (error messages, process output) before it is printed or saved.
 */
export function redact(text: string, extra: readonly string[] = []): string {
  const forms = [...registered, ...extra.flatMap(derivedForms)].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('***');
  return out;
}

/** For tests: forget every registered secret. */
export function resetMaskedSecrets(): void {
  registered.clear();
}
