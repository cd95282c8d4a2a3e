/** Whether `up` starts the HTTPS path, and if not why not (pure given its inputs). */
import { existsSync } from 'node:fs';
import { featureMode, type FeatureMode } from '../mode.js';
import type { ToolPaths } from '../tools.js';

export type HttpsMode = FeatureMode;

/** --https / --no-https, else TODO_DEPLOY_LAB_HTTPS (1/0/auto), else auto. */
export function httpsMode(argv: readonly string[], env: Record<string, string | undefined> = process.env): HttpsMode {
  return featureMode(argv, env, 'https', 'TODO_DEPLOY_LAB_HTTPS');
}

export function httpsBinaries(tools: ToolPaths): Record<string, string> {
  return {
    traefik: tools.traefik,
    pebble: tools.pebble,
    'pebble-challtestsrv': tools.pebbleChalltestsrv,
    'cert-manager-controller': tools.certManagerController,
    acmesolver: tools.acmesolver,
    'metrics-server': tools.metricsServer,
  };
}

export interface HttpsFacts {
  realNode: boolean;
  root: boolean;
  /** Binaries of the HTTPS path that are not installed. */
  missing: string[];
}

export function httpsFacts(realNode: boolean, tools: ToolPaths, exists: (p: string) => boolean = existsSync): HttpsFacts {
  return {
    realNode,
    root: process.getuid?.() === 0,
    missing: Object.entries(httpsBinaries(tools))
      .filter(([, path]) => !exists(path))
      .map(([name]) => name),
  };
}

/** What keeps the HTTPS path from starting: its solver pods need the real node, Traefik needs root for :80 and :443. */
export function httpsBlockers(f: HttpsFacts): string[] {
  const blockers: string[] = [];
  if (!f.realNode) blockers.push('no real node (the ACME solver and the app must answer for real)');
  if (!f.root) blockers.push('not root (Traefik must listen on :80 and :443, where ACME validates and redirects go)');
  if (f.missing.length) blockers.push(`not installed: ${f.missing.join(', ')} (optional tools of \`npm run lab -- install\`)`);
  return blockers;
}

export function decideHttps(mode: HttpsMode, f: HttpsFacts): { start: boolean; why: string } {
  if (mode === 'off') return { start: false, why: 'turned off (--no-https or TODO_DEPLOY_LAB_HTTPS=0)' };
  const blockers = httpsBlockers(f);
  if (!blockers.length) return { start: true, why: '' };
  const why = blockers.join('; ');
  if (mode === 'on') throw new Error(`the HTTPS path was asked for (--https or TODO_DEPLOY_LAB_HTTPS=1) but: ${why}`);
  return { start: false, why };
}
