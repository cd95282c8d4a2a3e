import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '@todo-deploy/runtime';
import * as tc from '@actions/tool-cache';
import { helmArchive, parseChecksumFile } from './helm-download.js';

/**
 * The path of helm `version` from the runner's tool cache; on a miss it is downloaded from
 * `mirror` (get.helm.sh or a copy with the same file names), checked against its published
 * SHA-256 and cached.
 */
export async function installHelm(version: string, mirror: string): Promise<string> {
  const archive = helmArchive(version, process.platform, process.arch, mirror);
  const cached = tc.find('helm', version, process.arch);
  if (cached) {
    log.info(`helm ${version} found in the tool cache`);
    return join(cached, archive.binary);
  }
  log.info(`Downloading helm ${version} from ${archive.url}`);
  const [file, sums] = await Promise.all([tc.downloadTool(archive.url), tc.downloadTool(archive.checksumUrl)]);
  const expected = parseChecksumFile(readFileSync(sums, 'utf8'), archive.fileName);
  const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (actual !== expected)
    throw new Error(`helm ${version}: checksum mismatch for ${archive.fileName} (expected ${expected}, got ${actual})`);
  const extracted = archive.fileName.endsWith('.zip') ? await tc.extractZip(file) : await tc.extractTar(file);
  const dir = await tc.cacheFile(join(extracted, archive.folder, archive.binary), archive.binary, 'helm', version, process.arch);
  return join(dir, archive.binary);
}
