/** Where helm's official release archives live, and how their checksum files read. Pure. */
export interface HelmArchive {
  url: string;
  checksumUrl: string;
  fileName: string;
  /** Folder inside the archive that holds the binary (linux-amd64). */
  folder: string;
  binary: string;
}

const OS: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

export function helmArchive(version: string, platform: NodeJS.Platform, arch: string, base = 'https://get.helm.sh'): HelmArchive {
  const os = OS[platform];
  const cpu = ARCH[arch];
  if (!os || !cpu) throw new Error(`helm publishes no build for ${platform}/${arch}`);
  const extension = os === 'windows' ? 'zip' : 'tar.gz';
  const fileName = `helm-v${version.replace(/^v/, '')}-${os}-${cpu}.${extension}`;
  return {
    url: `${base}/${fileName}`,
    checksumUrl: `${base}/${fileName}.sha256sum`,
    fileName,
    folder: `${os}-${cpu}`,
    binary: os === 'windows' ? 'helm.exe' : 'helm',
  };
}

/** Reads '<sha256>  <file>' (or a bare hash) and returns the hash for `fileName`. */
export function parseChecksumFile(text: string, fileName: string): string {
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})(?:\s+\*?(\S+))?\s*$/.exec(line.trim());
    if (match && (match[2] === undefined || match[2] === fileName)) return (match[1] as string).toLowerCase();
  }
  throw new Error(`The checksum file has no SHA-256 for ${fileName}`);
}
