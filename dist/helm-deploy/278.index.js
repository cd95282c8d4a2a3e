export const id = 278;
export const ids = [278];
export const modules = {

/***/ 278:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installHelm: () => (/* binding */ installHelm)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/runtime/src/index.ts + 3 modules
var src = __webpack_require__(5062);
// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(9805);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/tool/helm-download.ts
const OS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const ARCH = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };
function helmArchive(version, platform, arch, base = 'https://get.helm.sh') {
    const os = OS[platform];
    const cpu = ARCH[arch];
    if (!os || !cpu)
        throw new Error(`helm publishes no build for ${platform}/${arch}`);
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
function parseChecksumFile(text, fileName) {
    for (const line of text.split(/\r?\n/)) {
        const match = /^([0-9a-fA-F]{64})(?:\s+\*?(\S+))?\s*$/.exec(line.trim());
        if (match && (match[2] === undefined || match[2] === fileName))
            return match[1].toLowerCase();
    }
    throw new Error(`The checksum file has no SHA-256 for ${fileName}`);
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/tool/install-helm.ts






/**
 * The path of helm `version` from the runner's tool cache; on a miss it is downloaded from
 * `mirror` (get.helm.sh or a copy with the same file names), checked against its published
 * SHA-256 and cached.
 */
async function installHelm(version, mirror) {
    const archive = helmArchive(version, process.platform, process.arch, mirror);
    const cached = tool_cache/* find */.I6('helm', version, process.arch);
    if (cached) {
        src/* log */.Rm.info(`helm ${version} found in the tool cache`);
        return (0,external_node_path_.join)(cached, archive.binary);
    }
    src/* log */.Rm.info(`Downloading helm ${version} from ${archive.url}`);
    const [file, sums] = await Promise.all([tool_cache/* downloadTool */.bq(archive.url), tool_cache/* downloadTool */.bq(archive.checksumUrl)]);
    const expected = parseChecksumFile((0,external_node_fs_.readFileSync)(sums, 'utf8'), archive.fileName);
    const actual = (0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(file)).digest('hex');
    if (actual !== expected)
        throw new Error(`helm ${version}: checksum mismatch for ${archive.fileName} (expected ${expected}, got ${actual})`);
    const extracted = archive.fileName.endsWith('.zip') ? await tool_cache/* extractZip */.JE(file) : await tool_cache/* extractTar */.nN(file);
    const dir = await tool_cache/* cacheFile */.NJ((0,external_node_path_.join)(extracted, archive.folder, archive.binary), archive.binary, 'helm', version, process.arch);
    return (0,external_node_path_.join)(dir, archive.binary);
}


/***/ })

};
