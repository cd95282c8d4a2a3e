import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LabPki } from './certs.js';

/** GET a URL and resolve with the status code (0 when nothing answers). */
export function probe(url: string, pki?: LabPki, method = 'GET'): Promise<number> {
  return new Promise((resolve) => {
    const tls = url.startsWith('https:');
    // Pebble refuses a request without a User-Agent (RFC 8555 §6.1)
    const base = { method, timeout: 3000, headers: { 'user-agent': 'todo-deploy-lab' } };
    const options =
      tls && pki ? { ...base, ca: readFileSync(pki.caCert), cert: readFileSync(pki.adminCert), key: readFileSync(pki.adminKey) } : base;
    const req = (tls ? httpsRequest : httpRequest)(url, options, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it is true; `fail` may throw to stop early (a process died). */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, fail?: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    fail?.();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(250);
  }
}
