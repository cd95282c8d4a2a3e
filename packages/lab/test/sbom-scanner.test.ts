import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked, runProcess } from '@todo-deploy/process';

// The lab's SBOM generator (packages/lab/images/cmd/sbom-scanner), a stand-in for
// docker/buildkit-syft-scanner written from BuildKit's SBOM generator protocol: built and run
// as a real process with the environment BuildKit gives it. The BuildKit lab test runs it in a build.

const imagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');
let work = '';
const scanner = () => join(work, 'bin', 'sbom-scanner');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sbom-scanner-'));
  await runChecked(['go', 'build', '-o', `${join(work, 'bin')}/`, './cmd/sbom-scanner'], {
    cwd: imagesDir,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-trimpath -buildvcs=false', GOTOOLCHAIN: 'local' },
    timeoutMs: 110_000,
  });
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Statement {
  _type: string;
  predicateType: string;
  predicate: {
    spdxVersion: string;
    name: string;
    files: { fileName: string; SPDXID: string; checksums: { algorithm: string; checksumValue: string }[] }[];
    relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  };
}

const sha = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

describe('sbom-scanner', () => {
  it('writes one in-toto SPDX statement per root filesystem (the core and each extra), listing regular files with SHA-1 and SHA-256', async () => {
    const src = join(work, 'run', 'src');
    const core = join(src, 'core', 'sbom');
    const extra = join(src, 'extras', 'sbom-build');
    mkdirSync(join(core, 'srv'), { recursive: true });
    mkdirSync(extra, { recursive: true });
    writeFileSync(join(core, 'srv', 'index.html'), '<p>todo</p>\n');
    writeFileSync(join(core, 'app.txt'), 'app\n');
    symlinkSync('app.txt', join(core, 'link'));
    writeFileSync(join(extra, 'deps.txt'), 'deps\n');
    const out = join(work, 'run', 'out');
    mkdirSync(out, { recursive: true });
    const run = await runProcess([scanner()], {
      env: { BUILDKIT_SCAN_SOURCE: core, BUILDKIT_SCAN_SOURCE_EXTRAS: join(src, 'extras'), BUILDKIT_SCAN_DESTINATION: out },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['sbom-build.spdx.json', 'sbom.spdx.json']);
    const statement = JSON.parse(readFileSync(join(out, 'sbom.spdx.json'), 'utf8')) as Statement;
    expect(statement._type).toBe('https://in-toto.io/Statement/v0.1');
    expect(statement.predicateType).toBe('https://spdx.dev/Document');
    expect(statement.predicate.spdxVersion).toBe('SPDX-2.3');
    expect(statement.predicate.name).toBe('sbom');
    // regular files only (the link is not one), sorted, each contained in the root package
    expect(statement.predicate.files.map((f) => f.fileName)).toEqual(['./app.txt', './srv/index.html']);
    expect(statement.predicate.files[1]?.checksums).toEqual([
      { algorithm: 'SHA1', checksumValue: sha('sha1', '<p>todo</p>\n') },
      { algorithm: 'SHA256', checksumValue: sha('sha256', '<p>todo</p>\n') },
    ]);
    expect(statement.predicate.relationships.filter((r) => r.relationshipType === 'CONTAINS').map((r) => r.relatedSpdxElement)).toEqual(
      statement.predicate.files.map((f) => f.SPDXID),
    );
    const extraStatement = JSON.parse(readFileSync(join(out, 'sbom-build.spdx.json'), 'utf8')) as Statement;
    expect(extraStatement.predicate.files.map((f) => f.fileName)).toEqual(['./deps.txt']);
  });

  it('scans no extras when the extras folder is missing, and exits 2 naming what BuildKit should have set', async () => {
    const core = join(work, 'alone', 'sbom');
    const out = join(work, 'alone', 'out');
    mkdirSync(core, { recursive: true });
    mkdirSync(out, { recursive: true });
    const run = await runProcess([scanner()], {
      env: { BUILDKIT_SCAN_SOURCE: core, BUILDKIT_SCAN_SOURCE_EXTRAS: join(work, 'nowhere'), BUILDKIT_SCAN_DESTINATION: out },
    });
    expect(run.exitCode).toBe(0);
    expect(readdirSync(out)).toEqual(['sbom.spdx.json']);
    expect((JSON.parse(readFileSync(join(out, 'sbom.spdx.json'), 'utf8')) as Statement).predicate.files).toEqual([]);
    const unset = await runProcess([scanner()], { env: { BUILDKIT_SCAN_DESTINATION: out } });
    expect(unset.exitCode).toBe(2);
    expect(unset.stderr).toContain('BUILDKIT_SCAN_DESTINATION and BUILDKIT_SCAN_SOURCE are required');
  });
});
