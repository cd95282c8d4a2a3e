import { maskSecret } from './mask.js';

/**
 * Masks the user, password and their 'user:pass' pair of a URL with credentials, and
 * returns the URL as it may be shown (credentials replaced by ***).
 */
export function maskUrlCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (password !== '') maskSecret(password);
  if (user !== '') maskSecret(user);
  if (user !== '' && password !== '') maskSecret(`${user}:${password}`);
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
