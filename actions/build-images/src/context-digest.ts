import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * One digest of a build context: every file, folder and link under it by path (sorted), with
 * its permission bits and its content (a link: where it points). Owners and times are left
 * out, as buildah's own layer cache leaves them out. Every file counts, also those an ignore
 * file keeps out of the build: a change to one of those costs a rebuild, never a stale image.
 * A socket, FIFO or device in the context fails, naming it.
 */
export async function contextDigest(root: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const path = join(dir, name);
      const rel = relative(root, path).split(sep).join('/');
      const stat = await lstat(path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) hash.update(`l ${JSON.stringify(rel)} ${JSON.stringify(await readlink(path))}\n`);
      else if (stat.isDirectory()) {
        hash.update(`d ${JSON.stringify(rel)} ${mode}\n`);
        await walk(path);
      } else if (stat.isFile()) hash.update(`f ${JSON.stringify(rel)} ${mode} ${await fileDigest(path)}\n`);
      else throw new Error(`${path} is neither a file, a folder nor a link`);
    }
  };
  await walk(root);
  return `sha256:${hash.digest('hex')}`;
}
