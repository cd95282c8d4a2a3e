import { maskSecret } from './mask.js';

/**
 * Masks the user, password and their 'user:pass' pair of a URL with credentials, and
 * returns the URL as it may be shown (credentials replaced by ***).
 */
export function maskUrlCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const user = decode(url.username);
  const password = decode(url.password);
  // the decoded values and the forms as typed (percent-encoded as in the URL)
  for (const value of new Set([password, url.password])) if (value !== '') maskSecret(value);
  for (const value of new Set([user, url.username])) if (value !== '') maskSecret(value);
  if (user !== '' && password !== '') maskSecret(`${user}:${password}`);
  if (url.username !== '' && url.password !== '') maskSecret(`${url.username}:${url.password}`);
  return displayUrl(url);
}

/** The URL without its credentials, for logs and summaries. */
export function displayUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const shown = new URL(url.href);
  shown.username = '***';
  shown.password = '';
  return shown.href;
}
