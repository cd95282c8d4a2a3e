export const id = 927;
export const ids = [927];
export const modules = {

/***/ 9927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./packages/runtime/src/index.ts + 3 modules
var src = __webpack_require__(5062);
;// CONCATENATED MODULE: ./packages/inputs/src/input-error.ts
/** A bad input: names the input, says what was wrong and shows an accepted example. */
class input_error_InputError extends Error {
    input;
    constructor(input, problem, example) {
        super(`Input '${input}': ${problem}. Example of an accepted value: ${example}`);
        this.name = 'InputError';
        this.input = input;
    }
}

;// CONCATENATED MODULE: ./packages/inputs/src/list.ts
/**
 * One item per line. Blank lines and lines whose first non-blank character is '#' are
 * ignored; surrounding whitespace is trimmed. Pure: text in, list out.
 */
function parseList(text) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}

;// CONCATENATED MODULE: ./packages/inputs/src/boolean.ts

/** Accepts exactly 'true' or 'false' (any case); an empty value takes the default. */
function parseBoolean(input, raw, fallback) {
    const value = raw.trim().toLowerCase();
    if (value === '')
        return fallback;
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new input_error_InputError(input, `'${raw.trim()}' is not a boolean: use true or false`, 'true');
}

;// CONCATENATED MODULE: ./packages/inputs/src/duration.ts

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
/**
 * Parses '500ms', '90s', '2m', '1m30s', '1h' or plain seconds ('45') into milliseconds.
 * Returns the fallback for an empty value.
 */
function parseDuration(input, raw, fallbackMs) {
    const text = raw.trim();
    if (text === '') {
        if (fallbackMs === undefined)
            throw new input_error_InputError(input, 'a duration is required', '2m');
        return fallbackMs;
    }
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    let total = 0;
    PART.lastIndex = 0;
    while (PART.lastIndex < text.length) {
        const start = PART.lastIndex;
        const match = PART.exec(text);
        if (!match || match.index !== start) {
            throw new input_error_InputError(input, `'${text}' is not a duration: use a number with a unit of ms, s, m or h, or plain seconds`, '1m30s');
        }
        total += Number(match[1]) * UNIT_MS[match[2]];
    }
    return Math.round(total);
}
/** Formats milliseconds for people: 950ms, 12.3s, 2m05s. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)}s`;
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

;// CONCATENATED MODULE: ./packages/inputs/src/key-value.ts

/**
 * Splits 'key=value' at the first '=' so that values may hold '=' and ',' themselves.
 * The key must be non-empty; the value may be empty.
 */
function parseKeyValue(input, line, example = 'image.tag=sha-0123abc') {
    const at = line.indexOf('=');
    const key = at < 0 ? '' : line.slice(0, at).trim();
    if (at < 0 || key === '') {
        throw new input_error_InputError(input, `line '${line}' is not key=value`, example);
    }
    return { key, value: line.slice(at + 1) };
}
/**
 * Splits 'Name: value' at the first ':' (HTTP header form). The name must be a valid
 * header token. The value is not echoed in the error, since headers carry credentials.
 */
function parseHeaderLine(input, line) {
    const at = line.indexOf(':');
    const key = at < 0 ? '' : line.slice(0, at).trim();
    if (at < 0 || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) {
        const shown = at < 0 ? 'a line without a colon' : `a line whose name '${key}' is not a header name`;
        throw new InputError(input, `${shown}: use one 'Name: value' per line`, 'Authorization: Bearer <token>');
    }
    return { key, value: line.slice(at + 1).trim() };
}

;// CONCATENATED MODULE: ./packages/inputs/src/status-codes.ts

const EXAMPLE = '200,204,300-399';
function code(input, text) {
    if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
        throw new InputError(input, `'${text}' is not an HTTP status code between 100 and 599`, EXAMPLE);
    }
    return Number(text);
}
/** Parses '200,204,300-399' (commas or whitespace between items) into inclusive ranges. */
function parseStatusCodes(input, raw) {
    const items = raw.split(/[\s,]+/).filter((item) => item !== '');
    if (items.length === 0)
        throw new InputError(input, 'no status code given', EXAMPLE);
    return items.map((item) => {
        const parts = item.split('-');
        if (parts.length > 2)
            throw new InputError(input, `'${item}' is not a code or a range`, EXAMPLE);
        const from = code(input, parts[0]);
        const to = parts.length === 2 ? code(input, parts[1]) : from;
        if (to < from)
            throw new InputError(input, `range '${item}' ends before it starts`, EXAMPLE);
        return { from, to };
    });
}
function statusMatches(ranges, status) {
    return ranges.some((range) => status >= range.from && status <= range.to);
}
function formatStatusRanges(ranges) {
    return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
}

;// CONCATENATED MODULE: ./packages/inputs/src/scalars.ts

/** An integer within [min, max]; empty takes the fallback. */
function parseInteger(input, raw, fallback, min, max) {
    const text = raw.trim();
    if (text === '')
        return fallback;
    if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
        throw new input_error_InputError(input, `'${text}' is not a whole number from ${min} to ${max}`, String(fallback));
    }
    return Number(text);
}
/** A decimal number within [min, max]; empty gives undefined. */
function parseOptionalNumber(input, raw, min, max, example) {
    const text = raw.trim();
    if (text === '')
        return undefined;
    if (!/^\d+(\.\d+)?$/.test(text) || Number(text) < min || Number(text) > max) {
        throw new InputError(input, `'${text}' is not a number from ${min} to ${max}`, example);
    }
    return Number(text);
}
/** A JavaScript regular expression, compiled; the compiler's own complaint is kept. */
function parseRegExp(input, raw, example) {
    if (raw.trim() === '')
        return undefined;
    try {
        return new RegExp(raw);
    }
    catch (error) {
        throw new InputError(input, `'${raw}' is not a valid regular expression (${error.message})`, example);
    }
}
/** One of a fixed set of words (case-sensitive after normalising with `normalise`). */
function parseChoice(input, raw, choices, fallback, normalise = (text) => text) {
    const text = normalise(raw.trim());
    if (text === '')
        return fallback;
    const found = choices.find((choice) => choice === text);
    if (found === undefined) {
        throw new InputError(input, `'${raw.trim()}' is not one of ${choices.join(', ')}`, fallback);
    }
    return found;
}

;// CONCATENATED MODULE: ./packages/inputs/src/reader.ts

/** The runner's convention: INPUT_<NAME> with spaces as underscores, upper case, hyphens kept. */
function inputEnvName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
function envReader(env = process.env) {
    return (name) => env[inputEnvName(name)] ?? '';
}
/** A reader that remembers every name asked for (used by the contract tests). */
function recordingReader(values) {
    const names = new Set();
    return {
        names,
        read: (name) => {
            names.add(name);
            return values[name] ?? '';
        },
    };
}
function requireInput(read, name, example) {
    const value = read(name);
    if (value.trim() === '') {
        throw new input_error_InputError(name, 'a value is required', example);
    }
    return value;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./packages/inputs/src/address.ts


const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** An address to connect to instead of resolving a URL's host (an IP address or a host name); empty gives undefined. */
function parseConnectAddress(input, raw) {
    const text = raw.trim();
    if (text === '')
        return undefined;
    if (isIP(text) === 0 && !HOSTNAME.test(text))
        throw new InputError(input, `'${text}' is not an IP address or a host name`, '203.0.113.10');
    return text;
}

;// CONCATENATED MODULE: ./packages/inputs/src/size.ts

const UNITS = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };
/** A size such as 1MiB, 512KiB, 2MB or plain bytes (1048576), in bytes, within [min, max]; empty takes the fallback. */
function parseSize(input, raw, fallback, min, max) {
    const text = raw.trim();
    if (text === '')
        return fallback;
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
    const unit = (match?.[2] ?? '').toLowerCase() || 'b';
    const bytes = match && unit in UNITS ? Math.round(Number(match[1]) * UNITS[unit]) : NaN;
    if (!Number.isFinite(bytes) || bytes < min || bytes > max) {
        throw new InputError(input, `'${text}' is not a size from ${min} bytes to ${max / 1024 ** 2} MiB (use B, KiB, MiB, KB or MB, or plain bytes)`, '1MiB');
    }
    return bytes;
}
/** Bytes as people read them: 812 B, 4.2 KiB, 31.7 MiB, 1.2 GiB (binary units, one decimal). Pure. */
function formatSize(bytes) {
    if (!Number.isFinite(bytes) || bytes < 0)
        throw new RangeError(`${bytes} is not a size in bytes`);
    if (bytes < 1024)
        return `${Math.round(bytes)} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./packages/inputs/src/index.ts











;// CONCATENATED MODULE: ./packages/summary/src/table.ts
/** Escapes a cell so that it stays in its column: pipes, newlines and HTML-looking text. */
function escapeCell(text) {
    return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}
/** A GitHub-flavoured markdown table. Every row must have as many cells as the header. */
function markdownTable(header, rows) {
    for (const row of rows) {
        if (row.length !== header.length) {
            throw new Error(`markdownTable: a row has ${row.length} cells, the header ${header.length}`);
        }
    }
    const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
/** A two-column table of facts (name, value). */
function factsTable(facts) {
    return markdownTable(['', ''], facts.map(([name, value]) => [`**${name}**`, value]));
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./packages/secrets/src/index.ts + 3 modules
var secrets_src = __webpack_require__(347);
;// CONCATENATED MODULE: ./packages/summary/src/write.ts



/**
 * Appends markdown to the job summary, redacted. Without GITHUB_STEP_SUMMARY (a local run)
 * it is printed instead, line by line through the guarded path, so nothing is lost.
 */
async function writeSummary(markdown) {
    const text = (0,secrets_src/* redact */.E$)(markdown);
    if (!process.env.GITHUB_STEP_SUMMARY) {
        src/* log */.Rm.lines(text);
        return;
    }
    await core.summary.addRaw(text, true).write();
}

;// CONCATENATED MODULE: ./packages/summary/src/index.ts




// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/access.ts


/**
 * How helm and kubectl reach the cluster. A kubeconfig input is written 0600 into the
 * action's private folder (the post step removes it); otherwise KUBECONFIG or ~/.kube/config.
 */
function clusterAccess(inputs, folder) {
    const env = { ...process.env };
    if (inputs.kubeconfig) {
        const path = (0,external_node_path_.join)(folder, 'kubeconfig');
        (0,external_node_fs_.writeFileSync)(path, inputs.kubeconfig.text, { mode: 0o600 });
        env.KUBECONFIG = path;
    }
    return { env, ...(inputs.context ? { context: inputs.context } : {}) };
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/adapters/helm.ts
var adapters_helm = __webpack_require__(9165);
// EXTERNAL MODULE: ./packages/process/src/index.ts + 2 modules
var process_src = __webpack_require__(4999);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/adapters/kubectl.ts

/** kubectl through argv arrays, for what the API does not answer (the kubeconfig as kubectl reads it). */
class Kubectl {
    access;
    binary;
    constructor(access, binary = 'kubectl') {
        this.access = access;
        this.binary = binary;
    }
    run(args, options = {}) {
        const argv = [this.binary, ...(this.access.context ? ['--context', this.access.context] : []), ...args];
        return (0,process_src/* runProcess */.R3)(argv, { env: this.access.env, timeoutMs: options.timeoutMs ?? 30_000 });
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./actions/helm-deploy/src/helm/argv.ts
var argv = __webpack_require__(3515);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/helm/conflicts.ts
const OBJECT = /conflict occurred while applying object (\S+) [^,]+, Kind=(\w+): Apply failed with \d+ conflicts?: (.*)$/;
const ONE = /conflicts? with "([^"]+)"(?: with subresource "([^"]+)")? using [^:]+:((?:\s*-\s*[^\s;]+)+|\s*[^\s;]+)/g;
/**
 * The conflicts in helm's error output, e.g. `conflict occurred while applying object ns/web
 * apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with "kubectl" with
 * subresource "scale" using apps/v1: .spec.replicas`. Empty when there is none. Pure.
 */
function applyConflicts(stderr) {
    const text = stderr.replace(/\r?\n/g, ' ');
    const found = [];
    for (const line of text.split(/(?=conflict occurred while applying object)/)) {
        const object = OBJECT.exec(line.replace(/\\"/g, '"'));
        if (!object)
            continue;
        const [, where, kind, rest] = object;
        for (const m of rest.matchAll(ONE)) {
            const fields = (m[3] ?? '')
                .split(/\s*-\s*|\s+/)
                .map((f) => f.trim().replace(/"$/, ''))
                .filter((f) => f.startsWith('.'));
            const conflict = { object: `${kind} ${where}`, manager: m[1], fields };
            if (m[2])
                conflict.subresource = m[2];
            if (!found.some((c) => c.object === conflict.object && c.manager === conflict.manager))
                found.push(conflict);
        }
    }
    return found;
}
/** The conflicts in one line: the field, its owner, and the three ways out. Pure. */
function conflictMessage(conflicts) {
    const owned = conflicts
        .map((c) => `${c.object}: ${c.fields.join(', ')} ${c.fields.length === 1 ? 'is' : 'are'} owned by "${c.manager}"${c.subresource ? ` (through its ${c.subresource} subresource)` : ''}`)
        .join('; ');
    return (`server-side apply conflict: ${owned}. Either let the chart take the field over (force-conflicts: true, helm --force-conflicts), ` +
        'stop setting it in the chart (for example replicas while an HPA or kubectl scale owns them), ' +
        'or have the other manager release it');
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/helm/release-json.ts
var release_json = __webpack_require__(7613);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/chart-ref.ts



const REPO_CHART = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;
/**
 * Classifies the chart input. Anything that exists on disk, or looks like a path (starts
 * with '.', '/' or ends in .tgz), is a path and must be a folder with Chart.yaml or a .tgz.
 */
function parseChartRef(input, raw, cwd) {
    const text = raw.trim();
    if (text.startsWith('oci://')) {
        // the error names no part of the input: the part before @ is a password
        if (/^oci:\/\/[^/]*@/.test(text))
            throw new input_error_InputError(input, 'the chart reference carries credentials (user:password@): log in to the registry in an earlier step (helm registry login) and give the reference without them', 'oci://ghcr.io/acme/charts/todo');
        if (!/^oci:\/\/[^\s/]+\/\S+$/.test(text))
            throw new input_error_InputError(input, `'${text}' is not an OCI chart reference`, 'oci://ghcr.io/acme/charts/todo');
        return { kind: 'oci', value: text, shown: text };
    }
    const full = (0,external_node_path_.resolve)(cwd, text);
    const looksLikePath = text === '.' || /^(\.{1,2}\/|\/)/.test(text) || text.endsWith('.tgz') || (0,external_node_fs_.existsSync)(full);
    if (!looksLikePath) {
        if (!REPO_CHART.test(text)) {
            throw new input_error_InputError(input, `'${text}' is neither a chart folder, a .tgz, a repo/chart name nor an oci:// reference`, './chart');
        }
        return { kind: 'repo', value: text, shown: text };
    }
    if (!(0,external_node_fs_.existsSync)(full))
        throw new input_error_InputError(input, `chart path '${text}' does not exist`, './chart');
    if ((0,external_node_fs_.statSync)(full).isDirectory()) {
        if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(full, 'Chart.yaml')))
            throw new input_error_InputError(input, `chart folder '${text}' has no Chart.yaml`, './chart');
    }
    else if (!text.endsWith('.tgz')) {
        throw new input_error_InputError(input, `chart path '${text}' is a file but not a packaged chart (.tgz)`, './chart');
    }
    return { kind: 'path', value: full, shown: text };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/kubeconfig.ts


/** Parses kubeconfig content from an input; errors never echo the content. */
function parseKubeconfig(input, text) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        const at = error.linePos?.[0];
        throw new input_error_InputError(input, `the kubeconfig is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}`, '${{ secrets.KUBECONFIG }}');
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        throw new input_error_InputError(input, 'the kubeconfig is not a YAML mapping', '${{ secrets.KUBECONFIG }}');
    }
    const config = doc;
    if (!Array.isArray(config.clusters) ||
        config.clusters.length === 0 ||
        !config.clusters.every((c) => typeof c?.cluster?.server === 'string')) {
        throw new input_error_InputError(input, 'the kubeconfig has no clusters with a server address', '${{ secrets.KUBECONFIG }}');
    }
    if (!Array.isArray(config.contexts) || config.contexts.length === 0) {
        throw new input_error_InputError(input, 'the kubeconfig has no contexts', '${{ secrets.KUBECONFIG }}');
    }
    return config;
}
/** The context names a kubeconfig defines. */
function contextNames(config) {
    return (config.contexts ?? []).map((c) => c.name ?? '').filter(Boolean);
}
/** The API server address a context (or the current one) points at. */
function serverOf(config, context) {
    const name = context || config['current-context'];
    const ctx = (config.contexts ?? []).find((c) => c.name === name) ?? (name ? undefined : config.contexts?.[0]);
    const cluster = (config.clusters ?? []).find((c) => c.name === ctx?.context?.cluster);
    return cluster?.cluster?.server;
}
const SECRET_USER_FIELDS = ['token', 'password', 'username', 'client-key-data', 'client-certificate-data'];
/** Every credential a kubeconfig carries (tokens, passwords, keys, exec env values), to be masked. */
function kubeconfigSecrets(config) {
    const found = [];
    for (const entry of config.users ?? []) {
        const user = entry.user ?? {};
        for (const field of SECRET_USER_FIELDS) {
            const value = user[field];
            if (typeof value === 'string' && value.length >= 4) {
                found.push(value);
                if (field.endsWith('-data'))
                    found.push(...decodedLines(value));
            }
        }
        const providerConfig = user['auth-provider']?.config ?? {};
        for (const value of Object.values(providerConfig))
            if (typeof value === 'string' && value.length >= 8)
                found.push(value);
        const execEnv = user.exec?.env ?? [];
        for (const item of execEnv)
            if (typeof item.value === 'string' && item.value.length >= 4)
                found.push(item.value);
    }
    // credentials in a server address (https://user:pass@host), which errors would otherwise print
    for (const entry of config.clusters ?? []) {
        const server = entry.cluster?.server;
        if (typeof server !== 'string')
            continue;
        try {
            const url = new URL(server);
            const user = decodeURIComponent(url.username);
            const password = decodeURIComponent(url.password);
            if (password)
                found.push(password);
            if (user && password)
                found.push(`${user}:${password}`);
        }
        catch {
            // not a URL: nothing to take apart
        }
    }
    return found;
}
/** The base64-decoded PEM, line by line (key bodies), so no line of a private key can leak. */
function decodedLines(base64) {
    const pem = Buffer.from(base64, 'base64').toString('utf8');
    return pem
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= 16 && !line.startsWith('-----'));
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/values-files.ts




/**
 * Checks each values file exists and is YAML, and returns absolute paths in order. Error
 * messages give the line and column only: values files hold secrets, so no text is quoted.
 */
function checkValuesFiles(input, paths, cwd) {
    return paths.map((path) => {
        const full = (0,external_node_path_.resolve)(cwd, path);
        if (!(0,external_node_fs_.existsSync)(full) || !(0,external_node_fs_.statSync)(full).isFile())
            throw new input_error_InputError(input, `values file '${path}' does not exist`, 'chart/values-staging.yaml');
        const docs = (0,dist/* parseAllDocuments */.hR)((0,external_node_fs_.readFileSync)(full, 'utf8'));
        const docList = Array.isArray(docs) ? docs : [docs];
        for (const doc of docList) {
            const error = doc.errors[0];
            if (error) {
                const at = error.linePos?.[0];
                throw new input_error_InputError(input, `values file '${path}' is not valid YAML (${error.code}${at ? ` at line ${at.line}, column ${at.col}` : ''})`, 'chart/values-staging.yaml');
            }
            const value = doc.toJS();
            if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
                throw new input_error_InputError(input, `values file '${path}' is YAML but not a mapping of values`, 'chart/values-staging.yaml');
            }
        }
        return full;
    });
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/image-digests.ts

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const image_digests_EXAMPLE = '${{ needs.build.outputs.digests }}';
/**
 * build-images' `digests` output (JSON: service -> sha256 digest) as one set-string per service
 * at the key template ({service} replaced), so every image is pinned by digest: what runs is
 * what was built and tested, whatever a tag points at now or a node has cached. Pure.
 */
function imageDigestValues(input, text, keyTemplate) {
    if (text.trim() === '')
        return [];
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new input_error_InputError(input, 'is not JSON: give build-images’ digests output, an object of service -> sha256:<64 hex>', image_digests_EXAMPLE);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new input_error_InputError(input, 'is not a JSON object of service -> digest', image_digests_EXAMPLE);
    const entries = Object.entries(parsed);
    if (entries.length === 0)
        throw new input_error_InputError(input, 'names no service (an empty object: did the build push nothing?)', image_digests_EXAMPLE);
    return entries.map(([service, digest]) => {
        if (!SERVICE.test(service))
            throw new input_error_InputError(input, `'${service.slice(0, 64)}' is not a service name`, image_digests_EXAMPLE);
        if (typeof digest !== 'string' || !DIGEST.test(digest))
            throw new input_error_InputError(input, `the digest of '${service}' is not sha256:<64 hex>`, image_digests_EXAMPLE);
        return { key: keyTemplate.replaceAll('{service}', service), value: digest };
    });
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/inputs.ts





const Input = {
    Release: 'release',
    Namespace: 'namespace',
    Chart: 'chart',
    ChartVersion: 'chart-version',
    ValuesFiles: 'values-files',
    Set: 'set',
    SetString: 'set-string',
    SetSecret: 'set-secret',
    ImageTag: 'image-tag',
    ImageTagKey: 'image-tag-key',
    ImageDigests: 'image-digests',
    ImageDigestKey: 'image-digest-key',
    Kubeconfig: 'kubeconfig',
    Context: 'context',
    CreateNamespace: 'create-namespace',
    Wait: 'wait',
    Atomic: 'atomic',
    Timeout: 'timeout',
    HistoryMax: 'history-max',
    Recover: 'recover',
    VerifyRollout: 'verify-rollout',
    UnschedulableGrace: 'unschedulable-grace',
    DryRun: 'dry-run',
    ForceConflicts: 'force-conflicts',
    HelmVersion: 'helm-version',
    HelmMirror: 'helm-mirror',
    GithubToken: 'github-token',
    Environment: 'environment',
    EnvironmentUrl: 'environment-url',
};
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A helm values path: names (letters, digits, _ - /, or an escaped \.) joined by dots, each
// with optional [N] list indexes.
const KEY_NAME = String.raw `(?:[A-Za-z0-9_/-]|\\\.)+(?:\[\d+\])*`;
const VALUE_KEY = new RegExp(`^${KEY_NAME}(?:\\.${KEY_NAME})*$`);
function checkName(input, value, pattern, max, example) {
    if (value.length > max)
        throw new input_error_InputError(input, `'${value}' is ${value.length} characters long; Kubernetes allows at most ${max}`, example);
    if (!pattern.test(value)) {
        throw new input_error_InputError(input, `'${value}' is not a valid name: use lower-case letters, digits and '-', starting and ending with a letter or digit`, example);
    }
    return value;
}
function keyValues(input, raw, example) {
    // The value is never echoed in an error: a line that does not parse may be a secret.
    return parseList(raw).map((line, index) => {
        if (line.indexOf('=') <= 0)
            throw new input_error_InputError(input, `line ${index + 1} is not key=value (the line is not shown: it may hold a secret)`, example);
        const pair = parseKeyValue(input, line, example);
        if (!VALUE_KEY.test(pair.key))
            throw new input_error_InputError(input, `'${pair.key}' is not a values key (names joined by dots, each with optional [N] list indexes; escape a dot in a name as \\.)`, example);
        return pair;
    });
}
/** The keys whose values are secret (set-secret): hidden wherever the command line is shown. */
function secretKeysOf(inputs) {
    return new Set(inputs.setSecret.map((entry) => entry.key));
}
function optional(value) {
    const text = value.trim();
    return text === '' ? undefined : text;
}
/** Reads and checks every input; throws an InputError naming the first bad one. Nothing touches the cluster. */
function readInputs(read, cwd = process.cwd()) {
    const release = checkName(Input.Release, requireInput(read, Input.Release, 'todo').trim(), RELEASE_NAME, 53, 'todo');
    const namespace = checkName(Input.Namespace, requireInput(read, Input.Namespace, 'staging').trim(), DNS_LABEL, 63, 'staging');
    const chart = parseChartRef(Input.Chart, read(Input.Chart) || './chart', cwd);
    const chartVersion = optional(read(Input.ChartVersion));
    const valuesFiles = checkValuesFiles(Input.ValuesFiles, parseList(read(Input.ValuesFiles)), cwd);
    const set = keyValues(Input.Set, read(Input.Set), 'backend.replicas=2');
    const setString = keyValues(Input.SetString, read(Input.SetString), 'global.owner=octo');
    const setSecret = keyValues(Input.SetSecret, read(Input.SetSecret), 'backend.databasePassword=${{ secrets.DB_PASSWORD }}');
    const imageTag = optional(read(Input.ImageTag));
    if (imageTag !== undefined && !/^[\w][\w.-]{0,127}$/.test(imageTag)) {
        throw new input_error_InputError(Input.ImageTag, `'${imageTag}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128)`, 'sha-0123abc');
    }
    const imageTagKey = optional(read(Input.ImageTagKey)) ?? 'global.imageTag';
    if (!VALUE_KEY.test(imageTagKey))
        throw new input_error_InputError(Input.ImageTagKey, `'${imageTagKey}' is not a values key`, 'global.imageTag');
    const digestKey = optional(read(Input.ImageDigestKey)) ?? 'services.{service}.image.digest';
    if (!digestKey.includes('{service}') || !VALUE_KEY.test(digestKey.replaceAll('{service}', 'x')))
        throw new input_error_InputError(Input.ImageDigestKey, `'${digestKey}' is not a values key with {service} in it`, 'services.{service}.image.digest');
    // pinned by digest after every other set-string, so a digest wins over a tag given there
    setString.push(...imageDigestValues(Input.ImageDigests, read(Input.ImageDigests), digestKey));
    const kubeconfigText = read(Input.Kubeconfig);
    const kubeconfig = kubeconfigText.trim() === '' ? undefined : { text: kubeconfigText, doc: parseKubeconfig(Input.Kubeconfig, kubeconfigText) };
    const context = optional(read(Input.Context));
    if (context !== undefined && kubeconfig && !contextNames(kubeconfig.doc).includes(context)) {
        throw new input_error_InputError(Input.Context, `the kubeconfig has no context '${context}' (it has ${contextNames(kubeconfig.doc).join(', ')})`, contextNames(kubeconfig.doc)[0] ?? 'default');
    }
    const timeoutMs = parseDuration(Input.Timeout, read(Input.Timeout), 300_000);
    if (timeoutMs < 1000)
        throw new input_error_InputError(Input.Timeout, 'the timeout must be at least 1s', '5m');
    const unschedulableGraceMs = parseDuration(Input.UnschedulableGrace, read(Input.UnschedulableGrace), 30_000);
    const helmVersion = optional(read(Input.HelmVersion))?.replace(/^v/, '');
    if (helmVersion !== undefined && !/^[34]\.\d+\.\d+$/.test(helmVersion)) {
        throw new input_error_InputError(Input.HelmVersion, `'${helmVersion}' is not a helm 3 or 4 release version`, '3.19.0');
    }
    const helmMirror = parseMirror(read(Input.HelmMirror));
    const environmentUrlText = optional(read(Input.EnvironmentUrl));
    let environmentUrl;
    if (environmentUrlText !== undefined) {
        try {
            environmentUrl = new URL(environmentUrlText);
        }
        catch {
            throw new input_error_InputError(Input.EnvironmentUrl, `'${environmentUrlText}' is not an absolute URL`, 'https://staging.todo.example.com');
        }
    }
    const githubToken = optional(read(Input.GithubToken));
    const environment = optional(read(Input.Environment));
    const inputs = {
        release,
        helmMirror,
        namespace,
        chart,
        valuesFiles,
        set,
        setString,
        setSecret,
        imageTagKey,
        createNamespace: parseBoolean(Input.CreateNamespace, read(Input.CreateNamespace), true),
        wait: parseBoolean(Input.Wait, read(Input.Wait), true),
        atomic: parseBoolean(Input.Atomic, read(Input.Atomic), true),
        timeoutMs,
        historyMax: parseInteger(Input.HistoryMax, read(Input.HistoryMax), 10, 0, 1000),
        recover: parseBoolean(Input.Recover, read(Input.Recover), true),
        verifyRollout: parseBoolean(Input.VerifyRollout, read(Input.VerifyRollout), true),
        unschedulableGraceMs,
        dryRun: parseBoolean(Input.DryRun, read(Input.DryRun), false),
        forceConflicts: parseBoolean(Input.ForceConflicts, read(Input.ForceConflicts), false),
    };
    if (chartVersion !== undefined)
        inputs.chartVersion = chartVersion;
    if (imageTag !== undefined)
        inputs.imageTag = imageTag;
    if (kubeconfig !== undefined)
        inputs.kubeconfig = kubeconfig;
    if (context !== undefined)
        inputs.context = context;
    if (helmVersion !== undefined)
        inputs.helmVersion = helmVersion;
    if (githubToken !== undefined)
        inputs.githubToken = githubToken;
    if (environment !== undefined)
        inputs.environment = environment;
    if (environmentUrl !== undefined)
        inputs.environmentUrl = environmentUrl;
    if ((environment !== undefined || environmentUrl !== undefined) && githubToken === undefined) {
        throw new input_error_InputError(Input.GithubToken, 'environment and environment-url record a GitHub deployment, which needs github-token', '${{ github.token }}');
    }
    return inputs;
}
/** The helm download mirror: an http(s) URL without credentials (it is printed). */
function parseMirror(text) {
    const value = (text ?? '').trim() || 'https://get.helm.sh';
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new input_error_InputError(Input.HelmMirror, `'${value}' is not an absolute URL`, 'https://get.helm.sh');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new input_error_InputError(Input.HelmMirror, `'${url.protocol}' is not http or https`, 'https://get.helm.sh');
    if (url.username || url.password)
        throw new input_error_InputError(Input.HelmMirror, 'the URL carries credentials, which would be printed', 'https://mirror.example.com/helm');
    return url.href.replace(/\/+$/, '');
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/lock.ts
var src_lock = __webpack_require__(3745);
// EXTERNAL MODULE: ./actions/helm-deploy/src/lock-plan.ts
var lock_plan = __webpack_require__(9777);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/plan/outcome.ts
/** The outcome before anything is known of the release. Pure. */
function baseOutcome(inputs, helmVersion, status) {
    return {
        release: inputs.release,
        namespace: inputs.namespace,
        chart: inputs.chart.shown,
        chartVersion: inputs.chartVersion ?? '',
        appVersion: '',
        ...(inputs.imageTag ? { imageTag: inputs.imageTag } : {}),
        helmVersion,
        status,
        rolledBack: false,
        durationMs: 0,
        workloads: [],
    };
}
/** The revision and chart helm reported for the revision it applied. */
function withFacts(outcome, facts) {
    return { ...outcome, revision: facts.revision, chartVersion: facts.chartVersion, appVersion: facts.appVersion };
}
/**
 * How a failed run ended once the release was settled. Pure.
 * A rollback serves the previous revision (helm numbered the rollback `rollbackRevision`); an
 * uninstall serves nothing; otherwise the run failed and, without atomic, what this run applied
 * (or the previous revision) still serves.
 */
function settledOutcome(outcome, settled, atomic, durationMs) {
    const ended = { ...outcome, durationMs };
    if (settled.kind === 'rollback')
        return { ...ended, status: 'rolled-back', rolledBack: true, servingRevision: settled.to, rollbackRevision: settled.revision };
    if (settled.kind === 'uninstall') {
        const { servingRevision: _serving, ...rest } = ended;
        return { ...rest, status: 'uninstalled', rolledBack: true };
    }
    const serving = atomic ? undefined : (outcome.revision ?? outcome.previousRevision);
    return {
        ...ended,
        ...(settled.kind === 'repaired' ? { recovery: settled.text } : {}),
        status: 'failed',
        ...(serving !== undefined ? { servingRevision: serving } : {}),
    };
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/plan/recovery.ts
var recovery = __webpack_require__(4951);
// EXTERNAL MODULE: ./actions/helm-deploy/src/plan/settle.ts
var settle = __webpack_require__(3963);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/plan/upgrade.ts
/** The `helm upgrade --install` of these inputs (helm's own wait only when the rollout watch is off). Pure. */
function upgradePlan(inputs, dryRun) {
    return {
        release: inputs.release,
        namespace: inputs.namespace,
        chart: inputs.chart.value,
        ...(inputs.chartVersion ? { chartVersion: inputs.chartVersion } : {}),
        valuesFiles: inputs.valuesFiles,
        set: inputs.set,
        setString: inputs.setString,
        setSecret: inputs.setSecret,
        forceConflicts: inputs.forceConflicts,
        ...(inputs.imageTag ? { imageTag: { key: inputs.imageTagKey, value: inputs.imageTag } } : {}),
        createNamespace: inputs.createNamespace,
        historyMax: inputs.historyMax,
        timeoutMs: inputs.timeoutMs,
        waitMode: inputs.wait && !inputs.verifyRollout ? 'helm' : 'none',
        helmAtomic: inputs.atomic,
        dryRun,
    };
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/adapters/kube-api.ts
var kube_api = __webpack_require__(137);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/preflight.ts


/** Turns a kubectl or proxy connection error into a short cause. Pure. */
function connectionCause(stderr) {
    const text = stderr.replace(/\s+/g, ' ');
    const checks = [
        [/connection refused|was refused/i, 'connection refused'],
        [/no such host|server misbehaving/i, 'host not found (DNS)'],
        [/i\/o timeout|deadline exceeded|Client\.Timeout|context deadline|\(timeout\)/i, 'no answer (timeout)'],
        [/network is unreachable|no route to host/i, 'network unreachable'],
        [/x509: certificate has expired|certificate has expired/i, 'the server certificate has expired'],
        [/x509: certificate signed by unknown authority|unknown authority/i, 'the server certificate is not trusted by the kubeconfig'],
        [/x509|tls:/i, 'TLS handshake failed'],
        [/Unauthorized|401/i, 'the credentials were refused (401 Unauthorized)'],
        [/context was not found|does not exist|no context/i, 'the kube context does not exist'],
        [/no configuration has been provided|invalid configuration/i, 'no usable kubeconfig (set the kubeconfig input or KUBECONFIG)'],
    ];
    return (checks.find(([pattern]) => pattern.test(text))?.[1] ??
        text
            .replace(/^.*error:\s*/i, '')
            .trim()
            .slice(0, 200));
}
/** A server address as it may be printed: credentials in it (https://user:pass@host) masked and replaced by ***. */
function shownServer(address) {
    if (!address.includes('@'))
        return address;
    try {
        return (0,secrets_src/* maskUrlCredentials */.gn)(new URL(address));
    }
    catch {
        return /@/.test(address) ? '(an address that does not parse)' : address;
    }
}
/** The API server the current (or given) context points at, read through kubectl. */
async function currentServer(kubectl) {
    const result = await kubectl.run(['config', 'view', '--minify', '-o', 'json'], { timeoutMs: 10_000 });
    if (result.exitCode !== 0)
        return undefined;
    const config = JSON.parse(result.stdout);
    return config.clusters?.[0]?.cluster?.server;
}
/**
 * Connects to the API server (kubectl proxy) and checks that it answers; otherwise fails with
 * the address and the cause, leaving no proxy behind.
 */
async function connectApi(access, server, context, onSpawn) {
    const unreachable = async (cause) => {
        const address = await server();
        const where = address ? ` at ${shownServer(address)}` : '';
        const ctx = context ? ` (context ${context})` : '';
        return new Error(`Cannot reach the Kubernetes API server${where}${ctx}: ${cause}`);
    };
    let api;
    try {
        api = await kube_api/* KubeApi */.Y5.start(access, 'kubectl', onSpawn);
    }
    catch (error) {
        const message = error.message;
        if (/not on PATH/.test(message))
            throw error;
        throw await unreachable(connectionCause(message));
    }
    let cause;
    try {
        const response = await api.request('GET', '/version', undefined, { timeoutMs: 10_000 });
        if (response.status === 200)
            return api;
        cause = connectionCause((0,kube_api/* statusMessage */.uP)(response).message);
    }
    catch (error) {
        cause = connectionCause(error.message);
    }
    await api.close();
    throw await unreachable(cause);
}
/** Whether a namespace exists (a missing one is fine when create-namespace is true). */
async function namespaceExists(api, namespace) {
    const response = await api.request('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}`);
    if (response.status === 200)
        return true;
    if (response.status === 404)
        return false;
    throw new Error(`Could not read namespace ${namespace}: ${(0,kube_api/* statusMessage */.uP)(response).message}`);
}
/** Creates a namespace; one that already exists is fine. Returns whether this call created it. */
async function ensureNamespace(api, namespace) {
    if (await namespaceExists(api, namespace))
        return false;
    const response = await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    if (response.status === 201)
        return true;
    if (response.status === 409)
        return false;
    throw new Error(`Could not create namespace ${namespace}: ${(0,kube_api/* statusMessage */.uP)(response).message}`);
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/release-ops.ts + 1 modules
var release_ops = __webpack_require__(368);
// EXTERNAL MODULE: ./packages/retry/src/index.ts + 2 modules
var retry_src = __webpack_require__(1059);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/container-logs.ts


const LOG_TAIL_LINES = 20;
/** What the API server sends at most per container (limitBytes). */
const LOG_LIMIT_BYTES = 16 * 1024;
const MAX_LOG_LINE = 500;
/** Containers whose logs one diagnosis reads at most. */
const MAX_LOG_TARGETS = 3;
const MAX_LAST_LINE = 300;
/**
 * Which run of the container has logs to read: the current one while it runs or has just
 * ended, the previous one while it waits to restart; none when it never ran (an image that
 * cannot be pulled, a missing Secret key).
 */
function runWithLogs(status) {
    if (status.state?.running || status.state?.terminated)
        return false;
    if (status.lastState?.terminated)
        return true;
    return undefined;
}
/**
 * The containers whose last lines the diagnosis reads: those of the fatal problems or, when
 * there is none (a timeout, a progress deadline), the first pod not ready of each unfinished
 * workload. Pure.
 */
function logTargets(snapshot, objects) {
    const fatal = snapshot.workloads.flatMap((w) => w.problems.filter((p) => p.fatal).map((p) => ({ pod: p.pod, container: p.container })));
    const wanted = fatal.length > 0
        ? fatal
        : snapshot.workloads
            .filter((w) => !w.done)
            .flatMap((w) => w.pods
            .filter((p) => !p.ready)
            .map((p) => ({ pod: p.name }))
            .slice(0, 1));
    const targets = [];
    for (const want of wanted) {
        const pod = objects.find((o) => o.kind === 'Pod' && o.metadata.name === want.pod);
        const statuses = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])];
        const status = want.container ? statuses.find((s) => s.name === want.container) : statuses.find((s) => !s.ready);
        const previous = status ? runWithLogs(status) : undefined;
        if (!status || previous === undefined || targets.some((t) => t.pod === want.pod))
            continue;
        const orPrevious = !previous && status.lastState?.terminated !== undefined;
        targets.push({ pod: want.pod, container: status.name, previous, ...(orPrevious ? { orPrevious } : {}) });
    }
    return targets.slice(0, MAX_LOG_TARGETS);
}
/** The API path of a container's last lines. Pure. */
function logPath(namespace, target) {
    const query = new URLSearchParams({
        container: target.container,
        tailLines: String(LOG_TAIL_LINES),
        limitBytes: String(LOG_LIMIT_BYTES),
    });
    if (target.previous)
        query.set('previous', 'true');
    return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(target.pod)}/log?${query.toString()}`;
}
/** user:password@ in any URL of a line, replaced by ***@ (apps print connection strings). Pure. */
function hideUrlCredentials(line) {
    return line.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
}
/**
 * A log as the diagnosis keeps it: the last LOG_TAIL_LINES lines (trailing blank lines
 * dropped), each with URL credentials and every registered secret hidden, made safe and cut
 * to MAX_LOG_LINE characters. Pure but for the registered secrets.
 */
function logLines(text, maxLines = LOG_TAIL_LINES) {
    const lines = text.split(/\r\n|[\r\n\u0085\u2028\u2029]/);
    while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '')
        lines.pop();
    return lines.slice(-maxLines).map((line) => (0,src/* safeLine */.om)((0,secrets_src/* redact */.E$)(hideUrlCredentials(line)), MAX_LOG_LINE));
}
/**
 * Whether a log answer is the kubelet's notice that it has no log for that container (a run
 * removed, or a runtime that lost it: `unable to retrieve container logs for containerd://<id>`,
 * sent as the log with status 200), not a line the container printed. Pure.
 */
function isLogUnavailableNotice(text) {
    return /^unable to retrieve container logs for [a-z0-9.+-]+:\/\/\S+\s*$/i.test(text);
}
/** The snapshot with each read log put on its pod. Pure. */
function attachLogs(snapshot, logs) {
    if (logs.size === 0)
        return snapshot;
    return {
        ...snapshot,
        workloads: snapshot.workloads.map((w) => ({
            ...w,
            pods: w.pods.map((p) => {
                const log = logs.get(p.name);
                return log ? { ...p, logs: log } : p;
            }),
        })),
    };
}
/** The failure line with the last line the failing container printed, when it was read. Pure. */
function withLastLogLine(failure, snapshot) {
    const problem = snapshot.workloads.flatMap((w) => w.problems).find((p) => p.fatal);
    const pod = problem ? snapshot.workloads.flatMap((w) => w.pods).find((p) => p.name === problem.pod) : undefined;
    const last = pod?.logs?.lines.filter((line) => line.trim() !== '').at(-1);
    if (last === undefined)
        return failure;
    const shown = last.length > MAX_LAST_LINE ? `${last.slice(0, MAX_LAST_LINE)}…` : last;
    return `${failure}; last log line${pod?.logs?.previous ? ' before the restart' : ''}: ${shown}`;
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/read-objects.ts


const SPEC = {
    Deployment: { group: '/apis/apps/v1', resource: 'deployments', kind: 'Deployment' },
    StatefulSet: { group: '/apis/apps/v1', resource: 'statefulsets', kind: 'StatefulSet' },
    DaemonSet: { group: '/apis/apps/v1', resource: 'daemonsets', kind: 'DaemonSet' },
    ReplicaSet: { group: '/apis/apps/v1', resource: 'replicasets', kind: 'ReplicaSet' },
    Pod: { group: '/api/v1', resource: 'pods', kind: 'Pod' },
};
const collection = (spec, namespace) => `${spec.group}/namespaces/${encodeURIComponent(namespace)}/${spec.resource}`;
/**
 * A workload's spec.selector as the labelSelector query of a list (k=v, k in (a,b), k notin (a),
 * k, !k); undefined for an empty selector, which would select everything. Pure.
 */
function selectorQuery(selector) {
    const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
    for (const e of selector?.matchExpressions ?? []) {
        const values = (e.values ?? []).join(',');
        if (e.operator === 'In')
            parts.push(`${e.key} in (${values})`);
        else if (e.operator === 'NotIn')
            parts.push(`${e.key} notin (${values})`);
        else if (e.operator === 'Exists')
            parts.push(e.key);
        else if (e.operator === 'DoesNotExist')
            parts.push(`!${e.key}`);
    }
    return parts.length > 0 ? parts.sort().join(',') : undefined;
}
/**
 * The label pairs every one of the selectors requires (matchLabels with the same value in all),
 * as a labelSelector query: a superset of what each selects, so one list serves them all (a
 * chart's release label, app.kubernetes.io/instance, is one). Undefined when they share none. Pure.
 */
function sharedSelectorQuery(selectors) {
    const [first, ...rest] = selectors.map((s) => s?.matchLabels ?? {});
    if (!first)
        return undefined;
    const shared = Object.entries(first).filter(([key, value]) => rest.every((labels) => labels[key] === value));
    return shared.length > 0 ? selectorQuery({ matchLabels: Object.fromEntries(shared) }) : undefined;
}
async function list(api, spec, namespace, query, signal) {
    const body = await api.json('GET', `${collection(spec, namespace)}${query}`, undefined, signal ? { signal } : {});
    // the items of a list carry no kind of their own
    return (body.items ?? []).map((item) => ({ ...item, kind: spec.kind }));
}
async function getWorkload(api, ref, signal) {
    const spec = SPEC[ref.kind];
    const response = await api.request('GET', `${collection(spec, ref.namespace)}/${encodeURIComponent(ref.name)}`, undefined, signal ? { signal } : {});
    if (response.status === 404)
        return undefined;
    if (response.status !== 200)
        throw new Error(`GET ${ref.kind} ${ref.name}: HTTP ${response.status}`);
    return { ...JSON.parse(response.text), kind: ref.kind };
}
/**
 * The objects the rollout verdict reads, and only the release's: each workload by name, then
 * the pods (and for Deployments the ReplicaSets) its selector matches, so a namespace full of
 * other pods costs nothing extra. Several workloads of a namespace whose selectors share label
 * pairs are served by one list per kind with those (the verdict ties pods to workloads by owner,
 * so a wider list changes nothing): N workloads cost N reads and two lists, not 3N requests.
 * Requests of one look go out at once.
 */
async function readRolloutObjects(api, refs, signal) {
    const workloads = (await Promise.all(refs.map((ref) => getWorkload(api, ref, signal)))).filter((w) => w !== undefined);
    const namespaceOf = (w) => w.metadata.namespace ?? refs[0]?.namespace ?? '';
    const selectorOf = (w) => w.spec?.selector;
    const shared = new Map();
    for (const namespace of new Set(workloads.map(namespaceOf))) {
        const here = workloads.filter((w) => namespaceOf(w) === namespace);
        shared.set(namespace, here.length > 1 ? sharedSelectorQuery(here.map(selectorOf)) : undefined);
    }
    const lists = new Map();
    for (const workload of workloads) {
        const namespace = namespaceOf(workload);
        const query = shared.get(namespace) ?? selectorQuery(selectorOf(workload));
        if (query === undefined)
            continue;
        const kinds = workload.kind === 'Deployment' ? ['Pod', 'ReplicaSet'] : ['Pod'];
        for (const kind of kinds) {
            const key = `${kind} ${namespace} ${query}`;
            if (!lists.has(key))
                lists.set(key, list(api, SPEC[kind], namespace, `?labelSelector=${encodeURIComponent(query)}`, signal));
        }
    }
    const seen = new Set();
    return [...workloads, ...(await Promise.all(lists.values())).flat()].filter((o) => {
        const id = o.metadata.uid ?? `${o.kind}/${o.metadata.name}`;
        if (seen.has(id))
            return false;
        seen.add(id);
        return true;
    });
}
/** The namespace's Warning events (read once, on the way out of a failure). */
function readWarningEvents(api, namespace) {
    return list(api, { group: '/api/v1', resource: 'events', kind: 'Event' }, namespace, '?fieldSelector=type%3DWarning');
}
const LOG_TIMEOUT_MS = 5000;
/**
 * The last lines of each target container (through the API server, from the kubelet), by pod
 * name. A log that cannot be read (a node that serves none, a run already gone) is left out:
 * the diagnosis goes on without it.
 */
async function readContainerLogs(api, namespace, targets) {
    const logs = new Map();
    const read = async (target) => {
        try {
            const response = await api.request('GET', logPath(namespace, target), undefined, {
                timeoutMs: LOG_TIMEOUT_MS,
                accept: 'text/plain, */*',
            });
            if (response.status === 200 && isLogUnavailableNotice(response.text)) {
                src/* log */.Rm.debug(`logs of pod ${target.pod} container ${target.container}: the kubelet has none (${response.text.trim()})`);
                return [];
            }
            if (response.status === 200)
                return logLines(response.text);
            src/* log */.Rm.debug(`logs of pod ${target.pod} container ${target.container}: HTTP ${response.status}`);
        }
        catch (error) {
            src/* log */.Rm.debug(`logs of pod ${target.pod} container ${target.container}: ${error.message}`);
        }
        return [];
    };
    await Promise.all(targets.map(async (target) => {
        let lines = await read(target);
        let previous = target.previous;
        if (lines.length === 0 && target.orPrevious) {
            previous = true;
            lines = await read({ pod: target.pod, container: target.container, previous });
        }
        if (lines.length > 0)
            logs.set(target.pod, { container: target.container, previous, lines });
    }));
    return logs;
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/pod-problems.ts
/** Waiting reasons that waiting longer will not fix: the watch stops at once. */
const FATAL_WAITING_REASONS = [
    'ImagePullBackOff',
    'ErrImagePull',
    'CrashLoopBackOff',
    'CreateContainerConfigError',
    'InvalidImageName',
    'ErrImageNeverPull',
    'CreateContainerError',
    'RunContainerError',
];
/** How the container's last run ended and how often it restarted, e.g. "exit code 1 (Error), 2 restarts". */
function lastRun(status) {
    const ended = status.state?.terminated ?? status.lastState?.terminated;
    const how = ended?.exitCode !== undefined ? `exit code ${ended.exitCode}` : ended?.signal !== undefined ? `signal ${ended.signal}` : '';
    const parts = [ended ? `${how || 'ended'}${ended.reason ? ` (${ended.reason})` : ''}` : ''];
    const restarts = status.restartCount ?? 0;
    if (restarts > 0)
        parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
    return parts.filter(Boolean).join(', ');
}
function oomProblem(pod, status) {
    const limit = pod.spec?.containers?.find((c) => c.name === status.name)?.resources?.limits?.memory;
    const run = lastRun(status);
    const backoff = status.state?.waiting?.reason === 'CrashLoopBackOff' ? ', now in CrashLoopBackOff' : '';
    return {
        pod: pod.metadata.name,
        container: status.name,
        reason: 'OOMKilled',
        message: `container ${status.name} was killed for using more memory than its limit${limit ? ` (limits.memory ${limit})` : ''}${run || backoff ? `: ${run}${backoff}` : ''}`,
        fatal: true,
    };
}
function containerProblem(pod, status) {
    const waiting = status.state?.waiting;
    const oom = [status.state, status.lastState].some((state) => state?.terminated?.reason === 'OOMKilled');
    // a crash loop of OOM kills is named for its cause
    if (oom && (!waiting?.reason || waiting.reason === 'CrashLoopBackOff'))
        return oomProblem(pod, status);
    if (waiting?.reason && FATAL_WAITING_REASONS.includes(waiting.reason)) {
        let message = waiting.message?.trim() || (status.image ? `image ${status.image}` : waiting.reason);
        const run = lastRun(status);
        if (waiting.reason === 'CrashLoopBackOff' && run)
            message = `${message}; last run: ${run}`;
        return { pod: pod.metadata.name, container: status.name, reason: waiting.reason, message, fatal: true };
    }
    if (oom)
        return oomProblem(pod, status);
    return undefined;
}
/**
 * What is wrong with one pod, if anything. `unschedulableSinceMs` is how long the watch
 * has seen it unschedulable; past `graceMs` that is fatal too.
 */
function podProblem(pod, unschedulableForMs, graceMs) {
    const name = pod.metadata.name;
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
        const problem = containerProblem(pod, status);
        if (problem)
            return problem;
    }
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
        return {
            pod: name,
            reason: 'Unschedulable',
            message: scheduled.message?.trim() || 'no node fits the pod',
            fatal: unschedulableForMs >= graceMs,
        };
    }
    if (pod.status?.phase === 'Failed')
        return { pod: name, reason: 'Failed', message: String(pod.status.reason ?? pod.status.message ?? 'the pod failed'), fatal: true };
    return undefined;
}
/** Why a pod is not ready yet, in words (for a timeout message). */
function notReadyReason(pod) {
    const waiting = [...(pod.status?.containerStatuses ?? [])].find((c) => c.state?.waiting?.reason)?.state?.waiting;
    if (waiting?.reason)
        return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    const phase = pod.status?.phase ?? 'Unknown';
    if (ready?.status === 'False')
        return `${phase}, not Ready${ready.reason ? ` (${ready.reason}${ready.message ? `: ${ready.message}` : ''})` : ''}`;
    return phase;
}
const isPodReady = (pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/probe-budget.ts
// Kubernetes' defaults for a probe's fields (the API server fills them in; a list item may lack them)
const DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 };
const field = (probe, name) => {
    const value = probe[name];
    return typeof value === 'number' && value >= 0 ? value : DEFAULTS[name];
};
/**
 * How long the kubelet takes to give its verdict on a probe that keeps failing:
 * initialDelaySeconds + failureThreshold × periodSeconds. A startup probe that has failed
 * that long got the container killed; a readiness probe that has failed that long keeps the
 * pod out of service. Pure.
 */
function probeBudgetMs(probe) {
    return (field(probe, 'initialDelaySeconds') + field(probe, 'failureThreshold') * field(probe, 'periodSeconds')) * 1000;
}
function describeBudget(probe) {
    const f = (name) => field(probe, name);
    return `initialDelaySeconds ${f('initialDelaySeconds')} + failureThreshold ${f('failureThreshold')} × periodSeconds ${f('periodSeconds')}s`;
}
/**
 * The probe a running container waits on: its startup probe until `started`, then its
 * readiness probe until `ready`. undefined when it is ready, not running, or has no such probe.
 */
function probeWait(pod, status) {
    if (status.ready || !status.state?.running)
        return undefined;
    const spec = pod.spec?.containers?.find((c) => c.name === status.name);
    if (status.started !== true)
        return spec?.startupProbe ? { kind: 'startup', probe: spec.startupProbe } : undefined;
    return spec?.readinessProbe ? { kind: 'readiness', probe: spec.readinessProbe } : undefined;
}
const PREFIX = { startup: 'Startup probe failed', readiness: 'Readiness probe failed' };
/** The kubelet's latest event for this probe of this container (reason Unhealthy), if it was read. */
function probeEvent(events, container, kind) {
    const path = `spec.containers{${container}}`;
    return events
        .filter((e) => e.reason === 'Unhealthy' && (e.message ?? '').startsWith(PREFIX[kind]))
        .filter((e) => !e.involvedObject?.fieldPath || e.involvedObject.fieldPath === path)
        .sort((a, b) => (a.lastTimestamp ?? a.eventTime ?? '').localeCompare(b.lastTimestamp ?? b.eventTime ?? ''))
        .at(-1);
}
/**
 * A container whose probe has failed for the probe's whole budget (probeBudgetMs), measured
 * from when the watch first saw it wait on that probe: the kubelet has given its verdict, so
 * waiting for the deploy's timeout cannot help. The startup clock keeps running across the
 * restarts a failed startup probe causes; the readiness clock starts when the container has
 * started and stops when it is ready. Pure but for updating `since`.
 */
function probeProblem(input) {
    const name = input.pod.metadata.name;
    let found;
    for (const status of input.pod.status?.containerStatuses ?? []) {
        const key = (kind) => `${name}/${status.name}/${kind}`;
        const wait = probeWait(input.pod, status);
        if (status.ready)
            input.since.delete(key('startup'));
        if (status.ready || wait?.kind !== 'readiness')
            input.since.delete(key('readiness'));
        if (status.started === true)
            input.since.delete(key('startup'));
        if (!wait)
            continue;
        if (!input.since.has(key(wait.kind)))
            input.since.set(key(wait.kind), input.nowMs);
        const waited = input.nowMs - (input.since.get(key(wait.kind)) ?? input.nowMs);
        const budget = probeBudgetMs(wait.probe);
        if (found || waited < budget)
            continue;
        const event = probeEvent(input.events, status.name, wait.kind);
        const seen = event ? `${(event.message ?? '').trim()}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}; ` : '';
        const what = wait.kind === 'startup'
            ? `container ${status.name} has not passed its startup probe in ${budget / 1000}s`
            : `container ${status.name} has not been ready for ${budget / 1000}s after it started`;
        found = {
            pod: name,
            container: status.name,
            reason: 'Unhealthy',
            message: `${seen}${what} (${wait.kind} probe: ${describeBudget(wait.probe)})`,
            fatal: true,
        };
    }
    return found;
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/k8s.ts
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const num = (value) => (typeof value === 'number' ? value : 0);

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/workload-status.ts

const workload_status_status = (o) => (o.status ?? {});
const spec = (o) => (o.spec ?? {});
function stale(o) {
    return num(workload_status_status(o).observedGeneration) < num(o.metadata.generation);
}
/** The replica counts Deployments and StatefulSets share; `available` as the kind reports it. */
function replicaCounts(o, available) {
    const s = workload_status_status(o);
    const desired = spec(o).replicas === undefined ? 1 : num(spec(o).replicas);
    return {
        kind: o.kind,
        name: o.metadata.name,
        desired,
        ready: num(s.readyReplicas),
        updated: num(s.updatedReplicas),
        available: num(available),
    };
}
function deployment(o) {
    const s = workload_status_status(o);
    const base = replicaCounts(o, s.availableReplicas);
    const desired = base.desired;
    const conditions = (s.conditions ?? []);
    const deadline = conditions.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
    if (deadline)
        return {
            ...base,
            done: false,
            detail: deadline.message ?? 'progress deadline exceeded',
            failed: `ProgressDeadlineExceeded: ${deadline.message ?? ''}`.trim(),
        };
    if (stale(o))
        return { ...base, done: false, detail: 'waiting for the controller to see the new spec' };
    if (base.updated < desired)
        return { ...base, done: false, detail: `${base.updated} of ${desired} replicas updated` };
    if (num(s.replicas) > base.updated)
        return { ...base, done: false, detail: `${num(s.replicas) - base.updated} old replicas pending termination` };
    if (base.available < base.updated)
        return { ...base, done: false, detail: `${base.available} of ${base.updated} updated replicas available` };
    return { ...base, done: true, detail: 'available' };
}
function statefulSet(o) {
    const s = workload_status_status(o);
    const base = replicaCounts(o, s.availableReplicas ?? s.readyReplicas);
    const desired = base.desired;
    if (stale(o))
        return { ...base, done: false, detail: 'waiting for the controller to see the new spec' };
    if (base.ready < desired)
        return { ...base, done: false, detail: `${base.ready} of ${desired} replicas ready` };
    const strategy = spec(o).updateStrategy;
    if (strategy?.type === 'OnDelete')
        return { ...base, done: true, detail: 'ready (OnDelete strategy)' };
    const partition = num(strategy?.rollingUpdate?.partition);
    if (partition > 0) {
        const wanted = desired - partition;
        return base.updated >= wanted
            ? { ...base, done: true, detail: `ready (partition ${partition})` }
            : { ...base, done: false, detail: `${base.updated} of ${wanted} replicas updated` };
    }
    if (s.updateRevision !== s.currentRevision || base.updated < desired)
        return { ...base, done: false, detail: `${base.updated} of ${desired} replicas updated` };
    return { ...base, done: true, detail: 'ready' };
}
function daemonSet(o) {
    const s = workload_status_status(o);
    const desired = num(s.desiredNumberScheduled);
    const base = {
        kind: o.kind,
        name: o.metadata.name,
        desired,
        ready: num(s.numberReady),
        updated: num(s.updatedNumberScheduled),
        available: num(s.numberAvailable),
    };
    if (stale(o))
        return { ...base, done: false, detail: 'waiting for the controller to see the new spec' };
    if (base.updated < desired)
        return { ...base, done: false, detail: `${base.updated} of ${desired} pods updated` };
    if (base.available < desired)
        return { ...base, done: false, detail: `${base.available} of ${desired} pods available` };
    return { ...base, done: true, detail: 'available' };
}
/** The rollout state of one workload, following `kubectl rollout status`. Pure. */
function workloadStatus(ref, object) {
    if (!object)
        return { kind: ref.kind, name: ref.name, desired: 0, ready: 0, updated: 0, available: 0, done: false, detail: 'not found yet' };
    if (ref.kind === 'Deployment')
        return deployment(object);
    if (ref.kind === 'StatefulSet')
        return statefulSet(object);
    return daemonSet(object);
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/verdict.ts



const ownedBy = (o, uid) => uid !== undefined && (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
/** The pods of a workload's newest revision: only they can fail this rollout. */
function currentPods(workload, objects) {
    const pods = objects.filter((o) => o.kind === 'Pod');
    if (workload.kind === 'Deployment') {
        const revision = workload.metadata.annotations?.['deployment.kubernetes.io/revision'];
        const sets = objects.filter((o) => o.kind === 'ReplicaSet' && ownedBy(o, workload.metadata.uid));
        const newest = sets.find((rs) => revision !== undefined && rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
        return { pods: newest ? pods.filter((p) => ownedBy(p, newest.metadata.uid)) : [], owners: newest ? [newest] : [] };
    }
    const owned = pods.filter((p) => ownedBy(p, workload.metadata.uid));
    if (workload.kind === 'StatefulSet') {
        const revision = workload.status?.updateRevision;
        return { pods: revision ? owned.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision) : owned, owners: [] };
    }
    return { pods: owned, owners: [] };
}
function warnings(objects, uids) {
    return objects
        .filter((o) => o.kind === 'Event')
        .filter((e) => e.type === 'Warning' && e.involvedObject?.uid !== undefined && uids.has(e.involvedObject.uid))
        .map((e) => ({
        object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
        reason: e.reason ?? '',
        message: (e.message ?? '').trim(),
        count: e.count ?? 1,
    }));
}
/** One look at the release's workloads: done, still progressing, or failed for a reason. Pure. */
function evaluateRollout(input) {
    const reports = input.refs.map((ref) => {
        const object = input.objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name);
        const status = workloadStatus(ref, object);
        if (!object)
            return { ...status, pods: [], problems: [], events: [] };
        const { pods, owners } = currentPods(object, input.objects);
        const problems = [];
        for (const pod of pods) {
            const unschedulable = pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
            if (unschedulable && !input.unschedulableSince.has(pod.metadata.name))
                input.unschedulableSince.set(pod.metadata.name, input.nowMs);
            const since = input.unschedulableSince.get(pod.metadata.name);
            const events = input.objects.filter((o) => o.kind === 'Event' && pod.metadata.uid !== undefined && o.involvedObject?.uid === pod.metadata.uid);
            // the probe clocks run on every look, also while another problem is shown
            const probe = probeProblem({ pod, events, since: input.probeSince, nowMs: input.nowMs });
            const problem = podProblem(pod, since === undefined ? 0 : input.nowMs - since, input.graceMs) ?? probe;
            if (problem)
                problems.push(problem);
        }
        const uids = new Set([object, ...owners, ...pods].map((o) => o.metadata.uid).filter((u) => u !== undefined));
        return {
            ...status,
            pods: pods.map((pod) => {
                const ready = isPodReady(pod);
                const problem = problems.find((p) => p.pod === pod.metadata.name);
                return {
                    name: pod.metadata.name,
                    ready,
                    phase: pod.status?.phase ?? 'Unknown',
                    ...(problem ? { reason: problem.reason, message: problem.message } : ready ? {} : { reason: notReadyReason(pod) }),
                };
            }),
            problems,
            events: warnings(input.objects, uids),
        };
    });
    const failed = reports.find((w) => w.failed || w.problems.some((p) => p.fatal));
    if (failed) {
        const problem = failed.problems.find((p) => p.fatal);
        const failure = problem
            ? `${failed.name}: pod ${problem.pod} ${problem.reason}: ${problem.message}`
            : `${failed.name}: ${failed.failed}`;
        return { workloads: reports, done: false, failure };
    }
    return { workloads: reports, done: reports.every((w) => w.done) };
}
/** For a timeout: what each unfinished workload still waits for. */
function timeoutDetail(snapshot) {
    return snapshot.workloads
        .filter((w) => !w.done)
        .map((w) => {
        const pod = w.pods.find((p) => !p.ready);
        const event = w.events.at(-1);
        const why = pod ? `; pod ${pod.name} ${pod.reason ?? pod.phase}` : event ? `; ${event.object} ${event.reason}: ${event.message}` : '';
        return `${w.name}: ${w.ready} of ${w.desired} ready (${w.detail})${why}`;
    })
        .join('; ');
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/watch.ts





/**
 * How long to wait before look `n + 1`. A look is a few list requests of a few milliseconds
 * each, so the first second is watched closely (a small chart on a fast cluster is ready
 * by then), then less and less often, and every second after about five seconds. Pure.
 */
function pollDelayMs(n) {
    if (n < 10)
        return 100;
    if (n < 15)
        return 200;
    if (n < 21)
        return 500;
    return 1000;
}
/**
 * Watches the release's workloads until all are available, one fails in a way waiting
 * cannot fix (ImagePullBackOff, CrashLoopBackOff, a probe failing for its whole budget, ...),
 * the deadline passes or the run is cancelled. Polls the API; prints a line whenever the
 * picture changes. On a failure or timeout the last look is read again with the namespace's
 * warning events and the last log lines of the failing containers.
 */
async function watchRollout(api, refs, namespace, options) {
    const unschedulableSince = new Map();
    const probeSince = new Map();
    let snapshot = { workloads: [], done: refs.length === 0 };
    let lastLine = '';
    let objects = [];
    const look = (extra = []) => evaluateRollout({ refs, objects: [...objects, ...extra], unschedulableSince, probeSince, nowMs: Date.now(), graceMs: options.graceMs });
    /** On the way out: the same look with the namespace's warning events and, unless cancelled, the failing containers' logs. */
    const diagnose = async (withLogs) => {
        let seen;
        try {
            seen = look(await readWarningEvents(api, namespace));
        }
        catch {
            return snapshot;
        }
        return withLogs ? attachLogs(seen, await readContainerLogs(api, namespace, logTargets(seen, objects))) : seen;
    };
    for (let poll = 0;; poll += 1) {
        if (refs.length === 0)
            return { outcome: 'done', snapshot };
        objects = [];
        try {
            objects = await readRolloutObjects(api, refs, options.signal);
        }
        catch (error) {
            if (options.signal?.aborted)
                return { outcome: 'aborted', snapshot, message: 'cancelled' };
            src/* log */.Rm.info(`Could not read the workloads (will retry): ${error.message}`);
        }
        if (objects.length > 0) {
            snapshot = look();
            const line = snapshot.workloads.map((w) => `${w.name} ${w.ready}/${w.desired}${w.done ? ' ✓' : ''}`).join(', ');
            if (line !== lastLine) {
                src/* log */.Rm.info(`Rollout: ${line}`);
                lastLine = line;
            }
            if (snapshot.failure) {
                const seen = await diagnose(true);
                return { outcome: 'failed', snapshot: seen, message: withLastLogLine(seen.failure ?? snapshot.failure, seen) };
            }
            if (snapshot.done)
                return { outcome: 'done', snapshot };
        }
        if (options.signal?.aborted)
            return { outcome: 'aborted', snapshot: await diagnose(false), message: 'cancelled' };
        const left = options.deadline - Date.now();
        if (left <= 0) {
            snapshot = await diagnose(true);
            return { outcome: 'timeout', snapshot, message: timeoutDetail(snapshot) };
        }
        await retry_src/* systemClock */.ml.sleep(Math.min(left, options.pollMs ?? pollDelayMs(poll)), options.signal);
    }
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/rollout/workloads.ts


const KIND = /^kind:[ \t]*["']?(\w+)["']?[ \t]*(?:#.*)?$/m;
const METADATA = /^metadata:[ \t]*\n((?:(?:[ \t]+.*)?\n?)*)/m;
/** kind, name and namespace read from the text of one rendered document, or undefined when unsure. */
function quickRead(text) {
    const kind = KIND.exec(text)?.[1];
    const metadata = METADATA.exec(text)?.[1];
    const indent = metadata === undefined ? undefined : /^([ \t]+)\S/m.exec(metadata)?.[1];
    if (!kind || metadata === undefined || indent === undefined)
        return undefined;
    const field = (name) => new RegExp(`^${indent}${name}:[ \\t]*["']?([a-z0-9.-]+)["']?[ \\t]*(?:#.*)?$`, 'm').exec(metadata)?.[1];
    const name = field('name');
    if (!name)
        return undefined;
    const namespace = field('namespace');
    return { kind, name, ...(namespace ? { namespace } : {}) };
}
function parsed(text) {
    const value = (0,dist/* parseAllDocuments */.hR)(text)[0]?.toJS();
    return value ? { kind: value.kind, name: value.metadata?.name, namespace: value.metadata?.namespace } : undefined;
}
/** The Deployments, StatefulSets and DaemonSets a release's rendered manifest creates. */
function workloadsInManifest(manifest, defaultNamespace) {
    const refs = [];
    // Only documents that may be workloads are read, and most by a quick look at their text;
    // the YAML parser (slow on a big chart) is kept for the documents the quick look is unsure of.
    for (const text of manifest.split(/^---[ \t]*$/m)) {
        if (!/^kind:[ \t]*["']?(Deployment|StatefulSet|DaemonSet)\b/m.test(text))
            continue;
        const read = quickRead(text) ?? parsed(text);
        if (!read || !WORKLOAD_KINDS.includes(read.kind) || !read.name)
            continue;
        refs.push({ kind: read.kind, name: read.name, namespace: read.namespace ?? defaultNamespace });
    }
    return refs.sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/runner.ts
var src_runner = __webpack_require__(4324);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/deploy.ts



















/**
 * The deploy: under the release's lock, plan the start from the history (plan/recovery.ts),
 * recover if needed, `helm upgrade --install` without --wait, watch the rollout, and on
 * failure or cancellation settle the release (plan/settle.ts, carried out by ReleaseRunner).
 * From the moment helm may change the release until it is settled, the checkpoint says
 * deploying, so the post step can finish the job if this process is killed.
 */
async function deploy(inputs, helm, api, started, signal, checkpoint) {
    const deadline = started + inputs.timeoutMs;
    const runner = new src_runner/* ReleaseRunner */.e(helm, inputs.release, inputs.namespace, inputs);
    const holder = (0,lock_plan/* holderIdentity */.Xl)(process.env, (0,external_node_crypto_.randomBytes)(4).toString('hex'));
    const createNamespace = async () => {
        if (!inputs.createNamespace)
            return false;
        if (await ensureNamespace(api, inputs.namespace))
            src/* log */.Rm.info(`Created namespace ${inputs.namespace}`);
        return true;
    };
    const lock = new src_lock/* ReleaseLock */.nT(api, inputs.release, inputs.namespace, holder, createNamespace);
    checkpoint.locked(holder);
    let outcome = baseOutcome(inputs, helm.flavor.version, 'failed');
    outcome.lockWaitMs = (await lock.acquire(deadline, signal)).waitedMs;
    // a cancelled run and a lost lock both stop the upgrade and the watch; the message says which
    const stop = AbortSignal.any([signal, lock.lost]);
    const stopped = (during) => lock.lost.aborted ? `${lock.lost.reason.message} during ${during}; stopped` : `the run was cancelled during ${during}`;
    try {
        // read only under the lock: a history read before it could predate another run's last write
        const start = (0,recovery/* planStart */.gC)(await (0,release_ops/* historyForPlanning */.D)(helm, api, inputs.release, inputs.namespace, process.env.HELM_DRIVER), inputs);
        if (start.kind === 'refuse')
            throw new Error(start.message);
        let previousRevision;
        if (start.kind === 'recover') {
            const recovered = await runner.recover(start.recovery, 'before the deploy');
            outcome.recovery = recovered.text;
            previousRevision = recovered.previousRevision;
        }
        else
            previousRevision = start.previousRevision;
        if (previousRevision !== undefined)
            outcome.previousRevision = previousRevision;
        src/* log */.Rm.info(previousRevision === undefined
            ? `Installing ${inputs.release} in ${inputs.namespace}`
            : `Upgrading ${inputs.release} in ${inputs.namespace} from revision ${previousRevision}`);
        checkpoint.deploying(previousRevision);
        const applied = await upgradeAndWatch(inputs, helm, api, deadline, stop, stopped);
        outcome = { ...(applied.facts ? withFacts(outcome, applied.facts) : outcome), workloads: applied.workloads };
        if (applied.failure === undefined) {
            checkpoint.settled();
            return { ...outcome, status: 'deployed', servingRevision: outcome.revision, durationMs: Date.now() - started };
        }
        outcome.failure = applied.failure;
        // the revision this run made, when helm did not say: the newest, unless it is helm's own rollback
        const made = outcome.revision ?? (0,settle/* revisionMade */.xq)(await runner.history(), previousRevision);
        if (made !== undefined)
            outcome.revision = made;
        const settled = await runner
            .settle({ ...(previousRevision !== undefined ? { previousRevision } : {}), atomic: inputs.atomic })
            .catch((error) => {
            // the cause comes first: settling can fail for the same reason (a rollback meets the same conflict)
            const conflict = applyConflicts(error.message).length > 0;
            // a conflict leaves nothing pending (the apply was refused): the post step has nothing to retry
            if (conflict)
                checkpoint.settled();
            const again = conflict ? 'the rollback met the same conflict' : error.message;
            throw new Error(`${applied.failure}; settling the release failed too: ${again}`, { cause: error });
        });
        checkpoint.settled();
        return settledOutcome(outcome, settled, inputs.atomic, Date.now() - started);
    }
    finally {
        await lock.unlock().catch((error) => src/* log */.Rm.warning(`Could not release the deploy lock: ${error.message}`));
        checkpoint.locked(undefined);
    }
}
/** `helm upgrade --install` and, when asked, the rollout watch; says what helm applied and why it failed. */
async function upgradeAndWatch(inputs, helm, api, deadline, stop, stopped) {
    const upgrade = await helm.run((0,argv/* upgradeArgv */.rN)(upgradePlan(inputs, false), helm.flavor), {
        announce: true,
        secretKeys: secretKeysOf(inputs),
        timeoutMs: Math.max(10_000, deadline - Date.now()) + 60_000,
        signal: stop,
    });
    if (upgrade.stderr.trim())
        src/* log */.Rm.info(upgrade.stderr.trim());
    if (stop.aborted)
        return { failure: stopped('helm upgrade'), workloads: [] };
    if (upgrade.exitCode !== 0) {
        const conflicts = applyConflicts(upgrade.stderr);
        return { failure: `helm upgrade failed: ${conflicts.length > 0 ? conflictMessage(conflicts) : (0,adapters_helm/* helmError */.lY)(upgrade)}`, workloads: [] };
    }
    const facts = (0,release_json/* parseReleaseJson */.Jx)(upgrade.stdout);
    src/* log */.Rm.info(`helm applied revision ${facts.revision} of ${inputs.release} (chart ${facts.chartName}-${facts.chartVersion})`);
    if (!(inputs.wait && inputs.verifyRollout))
        return { failure: undefined, facts, workloads: [] };
    const refs = workloadsInManifest(facts.manifest, inputs.namespace);
    src/* log */.Rm.info(`Watching ${refs.length} workload${refs.length === 1 ? '' : 's'} until available (deadline in ${formatDuration(Math.max(0, deadline - Date.now()))})`);
    const watch = await watchRollout(api, refs, inputs.namespace, { deadline, graceMs: inputs.unschedulableGraceMs, signal: stop });
    const workloads = watch.snapshot.workloads;
    if (watch.outcome === 'failed')
        return { failure: watch.message, facts, workloads };
    if (watch.outcome === 'timeout')
        return { failure: `timed out after ${formatDuration(inputs.timeoutMs)}: ${watch.message}`, facts, workloads };
    if (watch.outcome === 'aborted')
        return { failure: stopped('the rollout'), facts, workloads };
    return { failure: undefined, facts, workloads };
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/checkpoint.ts
var src_checkpoint = __webpack_require__(3724);
// EXTERNAL MODULE: ./actions/helm-deploy/src/plan/post.ts
var post = __webpack_require__(1046);
// EXTERNAL MODULE: ./node_modules/diff/libesm/diff/array.js + 1 modules
var array = __webpack_require__(8965);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/dry-run/line-diff.ts

/**
 * Past this many changed lines, or this much time, the diff is not computed (the cost of
 * Myers' algorithm grows with both the size and the changes): the caller says so.
 */
const MAX_EDIT_LENGTH = 4000;
const MAX_DIFF_MS = 1500;
/**
 * A unified-style line diff (jsdiff's Myers diff), with `context` unchanged lines around each
 * change and `@@` where unchanged lines were left out; undefined when the two differ in more
 * than MAX_EDIT_LENGTH lines. Pure.
 */
function lineDiff(before, after, context = 3) {
    const changes = (0,array/* diffArrays */.E)([...before], [...after], { maxEditLength: MAX_EDIT_LENGTH, timeout: MAX_DIFF_MS });
    if (changes === undefined)
        return undefined;
    const ops = [];
    for (const change of changes) {
        const op = change.added ? '+' : change.removed ? '-' : ' ';
        for (const line of change.value)
            ops.push({ op, line });
    }
    // keep a line when a change is within `context` lines of it
    const near = new Array(ops.length).fill(false);
    ops.forEach((o, index) => {
        if (o.op === ' ')
            return;
        for (let k = Math.max(0, index - context); k <= Math.min(ops.length - 1, index + context); k += 1)
            near[k] = true;
    });
    const out = [];
    let skipped = false;
    ops.forEach((o, index) => {
        if (!near[index]) {
            if (!skipped)
                out.push('@@');
            skipped = true;
            return;
        }
        skipped = false;
        out.push(`${o.op} ${o.line}`);
    });
    return out;
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/dry-run/manifest-diff.ts


/** The objects of a document: itself, or the items of a List (kind List or any *List), so a Secret in a List is hidden too. */
function objectsOf(body) {
    if (typeof body.kind === 'string' && body.kind.endsWith('List') && Array.isArray(body.items))
        return body.items.filter((i) => Boolean(i) && typeof i === 'object').flatMap(objectsOf);
    return [body];
}
function resources(manifest, namespace) {
    const out = new Map();
    for (const doc of (0,dist/* parseAllDocuments */.hR)(manifest)) {
        const top = doc.toJS();
        if (!top || typeof top !== 'object')
            continue;
        for (const body of objectsOf(top)) {
            const meta = (body.metadata ?? {});
            const key = `${String(body.kind)} ${meta.namespace ?? namespace}/${meta.name ?? ''}`;
            out.set(key, { key, body });
        }
    }
    return out;
}
// Never folded: a folded line splits a value over two lines that no mask matches.
const manifest_diff_text = (body) => (0,dist/* stringify */.As)(body, { lineWidth: 0, minContentWidth: 0 });
/**
 * Secret values never reach the diff: each becomes '(hidden)'; on the new side a value that
 * differs from the deployed one becomes '(hidden, changed)', so the diff shows which keys changed.
 */
function hideSecret(body, deployed) {
    if (body.kind !== 'Secret')
        return body;
    const copy = { ...body };
    const merged = { ...(deployed?.data ?? {}), ...(deployed?.stringData ?? {}) };
    for (const field of ['data', 'stringData']) {
        const values = body[field];
        if (!values || typeof values !== 'object')
            continue;
        copy[field] = Object.fromEntries(Object.keys(values).map((name) => [
            name,
            deployed === undefined || !(name in merged) || merged[name] === values[name] ? '(hidden)' : '(hidden, changed)',
        ]));
    }
    return copy;
}
/** Compares the deployed manifest with the one a dry run rendered. Pure. */
function manifestDiff(deployed, rendered, namespace) {
    const before = resources(deployed, namespace);
    const after = resources(rendered, namespace);
    const result = { added: [], removed: [], changed: [], unchanged: 0, text: '' };
    const chunks = [];
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const old = before.get(key)?.body;
        const now = after.get(key)?.body;
        const oldText = old ? manifest_diff_text(hideSecret(old, undefined)) : '';
        const newText = now ? manifest_diff_text(hideSecret(now, old)) : '';
        if (old && now && JSON.stringify(old) === JSON.stringify(now)) {
            result.unchanged += 1;
            continue;
        }
        (old === undefined ? result.added : now === undefined ? result.removed : result.changed).push(key);
        const oldLines = oldText === '' ? [] : oldText.trimEnd().split('\n');
        const newLines = newText === '' ? [] : newText.trimEnd().split('\n');
        const lines = lineDiff(oldLines, newLines) ?? [
            `@@ too many changed lines to show (${oldLines.length} before, ${newLines.length} after)`,
        ];
        chunks.push(`# ${key} (${old === undefined ? 'added' : now === undefined ? 'removed' : 'changed'})`, ...lines);
    }
    result.text = chunks.join('\n');
    return result;
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/dry-run/dry-run.ts








/**
 * A server-side dry run: helm renders and the API server validates, nothing is stored.
 * The rendered manifest is compared with the deployed one; Secret values are hidden.
 */
async function dryRun(inputs, helm, plan, base, started) {
    const history = await (0,release_ops/* readHistory */.L)(helm, inputs.release, inputs.namespace);
    const current = (0,recovery/* planRecovery */.lA)(history);
    const deployedRevision = current.kind === 'none' ? current.deployedRevision : undefined;
    const outcome = {
        ...base,
        status: 'dry-run',
        ...(deployedRevision !== undefined ? { previousRevision: deployedRevision, servingRevision: deployedRevision } : {}),
    };
    if (current.kind !== 'none')
        outcome.recovery = `a real run would first recover: ${current.reason}`;
    const rendered = await helm.run((0,argv/* upgradeArgv */.rN)(plan, helm.flavor), {
        announce: true,
        secretKeys: secretKeysOf(inputs),
        timeoutMs: inputs.timeoutMs + 60_000,
    });
    if (rendered.exitCode !== 0)
        return {
            ...outcome,
            status: 'failed',
            failure: `helm upgrade --dry-run failed: ${(0,adapters_helm/* helmError */.lY)(rendered)}`,
            durationMs: Date.now() - started,
        };
    const facts = (0,release_json/* parseReleaseJson */.Jx)(rendered.stdout);
    let deployed = '';
    if (deployedRevision !== undefined) {
        const manifest = await helm.run((0,argv/* getManifestArgv */.Mf)(inputs.release, inputs.namespace, deployedRevision), { timeoutMs: 60_000 });
        if (manifest.exitCode !== 0)
            throw new Error(`helm get manifest failed: ${(0,adapters_helm/* helmError */.lY)(manifest)}`);
        deployed = manifest.stdout;
    }
    const diff = manifestDiff(deployed, facts.manifest, inputs.namespace);
    src/* log */.Rm.info(`Dry run of revision ${facts.revision}: ${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed, ${diff.unchanged} unchanged`);
    for (const key of [...diff.added, ...diff.changed, ...diff.removed])
        src/* log */.Rm.info(`  ${key}`);
    return {
        ...outcome,
        revision: facts.revision,
        chartVersion: facts.chartVersion,
        appVersion: facts.appVersion,
        diff,
        durationMs: Date.now() - started,
    };
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/helm/version.ts

/** Parses `helm version --template '{{.Version}}'` (v3.19.0) or `--short` (v3.19.0+g1234). */
function parseHelmVersion(text) {
    const match = /v?(\d+)\.(\d+)\.(\d+)([-+][\w.+-]*)?/.exec(text.trim());
    if (!match)
        throw new Error(`Could not read the helm version from '${text.trim().slice(0, 80)}'`);
    const major = Number(match[1]);
    if (major !== 3 && major !== 4)
        throw new Error(`helm ${match[0]} is not supported: use helm 3 or helm 4`);
    return { version: `v${match[1]}.${match[2]}.${match[3]}`, major };
}
/** The first moment helm 3 gets no security fixes: its support ends with February 2027. */
const HELM3_SECURITY_END = new Date('2027-03-01T00:00:00Z');
/**
 * What to tell a user who deploys with helm 3: it gets security fixes only until February 2027
 * (none after), helm 4 is the one to move to. Nothing for helm 4. Pure.
 */
function helmSupportNotice(flavor, now) {
    if (flavor.major !== 3)
        return undefined;
    const move = 'helm 4 is the one to move to (helm-version: a 4.x, such as 4.3.1)';
    return now < HELM3_SECURITY_END
        ? `Deploying with helm ${flavor.version}: helm 3 gets security fixes only until February 2027; ${move}`
        : `Deploying with helm ${flavor.version}: helm 3 has had no security fixes since February 2027; ${move}`;
}
/**
 * The helm 4 to use when helm-version is empty and the helm on PATH is helm 3 (or absent): the
 * newest 4.x release the runner's tool cache holds, undefined when it holds none. Pure.
 */
function cachedHelm4(pathFlavor, cachedVersions) {
    if (pathFlavor?.major === 4)
        return undefined;
    const fours = cachedVersions.filter((v) => semver_default().valid(v) && semver_default().major(v) === 4 && semver_default().prerelease(v) === null);
    return fours.sort((semver_default()).rcompare)[0];
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/tool/pick-helm.ts





/**
 * The helm to run when helm-version is empty: helm 4 where both are present. The helm on PATH,
 * unless it is helm 3 (or there is none) and the runner's tool cache holds a helm 4 (put there
 * by an earlier helm-deploy with helm-version, or by azure/setup-helm): then the newest 4.x.
 * Says which and why; helm-version pins one instead.
 */
async function pickHelm(env) {
    const onPath = await (0,adapters_helm/* helmVersionText */.a6)('helm', env).then((text) => ({ text }), (error) => ({ error }));
    const flavor = 'text' in onPath ? parseHelmVersion(onPath.text) : undefined;
    const cache = process.env.RUNNER_TOOL_CACHE;
    // the tool cache library is large to load: only when the cache holds a helm at all
    if (flavor?.major !== 4 && cache && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(cache, 'helm'))) {
        const tc = await __webpack_require__.e(/* import() */ 805).then(__webpack_require__.bind(__webpack_require__, 9805));
        const version = cachedHelm4(flavor, tc.findAllVersions('helm', process.arch));
        if (version) {
            const binary = (0,external_node_path_.join)(tc.find('helm', version, process.arch), process.platform === 'win32' ? 'helm.exe' : 'helm');
            src/* log */.Rm.info(`${flavor ? `The helm on PATH is ${flavor.version}` : 'There is no helm on PATH'} and the tool cache holds helm ${version}: deploying with helm 4 (helm-version pins a version)`);
            return { binary, versionText: await (0,adapters_helm/* helmVersionText */.a6)(binary, env) };
        }
    }
    if ('error' in onPath)
        throw new Error((0,src/* reasonOf */.A3)(onPath.error));
    return { binary: 'helm', versionText: onPath.text };
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/masking.ts



/**
 * Masks every secret the inputs carry, with derived forms, before anything is printed: the
 * values of set-secret lines, the credentials of the kubeconfig and the token. set and
 * set-string values are not secret and stay readable (an owner, a domain, a registry).
 */
function maskInputs(inputs) {
    if (inputs.githubToken)
        (0,secrets_src/* maskSecret */.$l)(inputs.githubToken);
    for (const { value } of inputs.setSecret)
        (0,secrets_src/* maskSecret */.$l)(value);
    if (inputs.kubeconfig) {
        core.setSecret(inputs.kubeconfig.text);
        for (const secret of kubeconfigSecrets(inputs.kubeconfig.doc))
            (0,secrets_src/* maskSecret */.$l)(secret);
    }
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/diagnostics.ts
/** For each workload that did not become available: its pods' reasons (and last log lines, when read) and its warning events. Pure. */
function diagnostics(workloads) {
    return workloads
        .filter((w) => !w.done)
        .map((w) => ({
        kind: w.kind,
        name: w.name,
        ready: w.ready,
        desired: w.desired,
        detail: w.failed ?? w.detail,
        pods: w.pods
            .filter((p) => !p.ready)
            .map((p) => ({
            name: p.name,
            phase: p.phase,
            ...(p.reason ? { reason: p.reason } : {}),
            ...(p.message ? { message: p.message } : {}),
            ...(p.logs ? { logs: p.logs } : {}),
        })),
        events: w.events,
    }));
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/outputs.ts


const outputs = (0,src/* defineOutputs */.S2)([
    'revision',
    'previous-revision',
    'status',
    'rolled-back',
    'chart-version',
    'app-version',
    'helm-version',
    'diagnostics',
]);
function outputsOf(outcome) {
    return {
        revision: outcome.revision === undefined ? '' : String(outcome.revision),
        'previous-revision': outcome.previousRevision === undefined ? '' : String(outcome.previousRevision),
        status: outcome.status,
        'rolled-back': String(outcome.rolledBack),
        'chart-version': outcome.chartVersion,
        'app-version': outcome.appVersion,
        'helm-version': outcome.helmVersion,
        diagnostics: JSON.stringify(diagnostics(outcome.workloads)),
    };
}

;// CONCATENATED MODULE: ./actions/helm-deploy/src/report.ts


const ICON = {
    deployed: '✅',
    'dry-run': '🔍',
    'rolled-back': '❌',
    uninstalled: '❌',
    failed: '❌',
};
function headline(o) {
    const where = `${o.release} in ${o.namespace}`;
    switch (o.status) {
        case 'deployed':
            return `${where}: revision ${o.revision} deployed`;
        case 'dry-run':
            return `${where}: dry run (nothing changed)`;
        case 'rolled-back':
            return `${where}: deploy failed, rolled back to revision ${o.servingRevision}`;
        case 'uninstalled':
            return `${where}: first install failed and was removed`;
        default:
            return `${where}: deploy failed`;
    }
}
function serving(o) {
    if (o.status === 'dry-run')
        return o.previousRevision === undefined ? 'nothing (not installed)' : `revision ${o.previousRevision}`;
    if (o.servingRevision === undefined)
        return 'nothing (the release is not installed)';
    return `revision ${o.servingRevision}${o.rolledBack ? ` (rolled back${o.rollbackRevision ? `, recorded as revision ${o.rollbackRevision}` : ''})` : ''}`;
}
/** The job summary: facts, workloads, and on failure the reason and warning events. Pure. */
function summaryMarkdown(o) {
    const revisions = `${o.previousRevision ?? '—'} → ${o.revision ?? '—'}`;
    const facts = [
        ['Release', o.release],
        ['Namespace', o.namespace],
        ['Chart', `${o.chart}${o.chartVersion ? ` ${o.chartVersion}` : ''}`],
        ['App version', o.appVersion || '—'],
        ['Image tag', o.imageTag ?? '—'],
        ['Revision', o.status === 'dry-run' ? `${o.previousRevision ?? '—'} (would become ${o.revision ?? '—'})` : revisions],
        ['Serving now', serving(o)],
        ['Helm', o.helmVersion],
        ['Duration', formatDuration(o.durationMs)],
    ];
    if (o.recovery)
        facts.push(['Recovery', o.recovery]);
    if (o.lockWaitMs !== undefined && o.lockWaitMs >= 1000)
        facts.push(['Waited for another deploy', formatDuration(o.lockWaitMs)]);
    const parts = [`### ${ICON[o.status]} helm-deploy: ${headline(o)}`, ''];
    if (o.failure)
        parts.push(`**Error:** ${o.failure.replace(/</g, '&lt;')}`, '');
    parts.push(factsTable(facts), '');
    if (o.workloads.length > 0) {
        const rows = o.workloads.map((w) => [
            w.name,
            w.kind,
            `${w.ready}/${w.desired}`,
            w.done ? '✅ available' : `❌ ${w.failed ?? w.problems[0]?.reason ?? w.detail}`,
        ]);
        parts.push('#### Workloads', '', markdownTable(['Workload', 'Kind', 'Ready', 'Status'], rows), '');
    }
    const events = o.workloads.flatMap((w) => w.events);
    if (o.status !== 'deployed' && events.length > 0) {
        parts.push('#### Warning events', '', markdownTable(['Object', 'Reason', 'Count', 'Message'], events.map((e) => [e.object, e.reason, String(e.count), e.message])), '');
    }
    const logged = o.status === 'deployed' ? [] : o.workloads.flatMap((w) => w.pods.filter((p) => p.logs));
    if (logged.length > 0) {
        parts.push('#### Last log lines', '');
        for (const pod of logged) {
            const log = pod.logs;
            parts.push(`Pod ${pod.name}, container ${log.container}${log.previous ? ' (the run before the last restart)' : ''}:`, '', '```text', ...log.lines.map((line) => line.replace(/```/g, "'''")), '```', '');
        }
    }
    if (o.diff) {
        const d = o.diff;
        parts.push('#### Changes against the deployed release', '', `${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed, ${d.unchanged} unchanged. Secret values are hidden.`, '');
        if (d.text) {
            const shown = capLines(d.text.replace(/```/g, "'''"), MAX_DIFF_BYTES);
            parts.push('```diff', shown.text, '```', '');
            if (shown.cut > 0)
                parts.push(`The diff was cut at ${MAX_DIFF_BYTES / 1024} KiB (a step summary holds at most 1 MiB): ${shown.cut} more line${shown.cut === 1 ? '' : 's'} not shown.`, '');
        }
    }
    return parts.join('\n');
}
/** The most of a dry-run diff the summary shows: GitHub takes at most 1 MiB per step summary. */
const MAX_DIFF_BYTES = 512 * 1024;
/** The whole lines of a text that fit in maxBytes (UTF-8), and how many lines were left out. Pure. */
function capLines(text, maxBytes) {
    if (Buffer.byteLength(text, 'utf8') <= maxBytes)
        return { text, cut: 0 };
    const lines = text.split('\n');
    let size = 0;
    let kept = 0;
    for (const line of lines) {
        const next = size + Buffer.byteLength(line, 'utf8') + 1;
        if (next > maxBytes)
            break;
        size = next;
        kept += 1;
    }
    return { text: lines.slice(0, kept).join('\n'), cut: lines.length - kept };
}
/** The error line: what failed, why, and what serves now. */
function failureMessage(o) {
    const after = o.status === 'rolled-back'
        ? `; rolled back, revision ${o.servingRevision} is serving`
        : o.status === 'uninstalled'
            ? '; the failed first install was uninstalled'
            : '';
    return `${o.failure ?? 'deploy failed'}${after}`;
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/state.ts
var state = __webpack_require__(1129);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/main.ts





















async function resolveHelm(inputs, access, checkpoint) {
    // loaded only when asked for: the tool cache and the GitHub client are large to start
    const installed = inputs.helmVersion
        ? await (await __webpack_require__.e(/* import() */ 278).then(__webpack_require__.bind(__webpack_require__, 278))).installHelm(inputs.helmVersion, inputs.helmMirror)
        : undefined;
    const { binary, versionText: text } = installed
        ? { binary: installed, versionText: await (0,adapters_helm/* helmVersionText */.a6)(installed, access.env) }
        : await pickHelm(access.env);
    const flavor = parseHelmVersion(text);
    if (inputs.forceConflicts && flavor.major !== 4)
        throw new Error(`Input 'force-conflicts': server-side apply conflicts are helm 4's; helm ${flavor.version} applies client-side (leave it false)`);
    // values go through --set-literal (helm 3.12+), which cannot set a second key
    const minor = Number(/^v3\.(\d+)\./.exec(flavor.version)?.[1] ?? '99');
    if (flavor.major === 3 && minor < 12)
        throw new Error(`helm ${flavor.version} is too old: helm-deploy needs helm 3.12 or newer (or helm 4); set helm-version to install one`);
    if (inputs.helmVersion && flavor.version !== `v${inputs.helmVersion}`)
        throw new Error(`helm-version asks for ${inputs.helmVersion}, but the cached binary reports ${flavor.version}`);
    const notice = helmSupportNotice(flavor, new Date());
    if (notice)
        src/* log */.Rm.notice(notice);
    checkpoint.helm(binary, flavor.major === 4 ? 4 : 3);
    return new adapters_helm/* Helm */.f5(binary, flavor, access);
}
/**
 * Everything before the first change, at once: the helm binary, and the API connection with
 * the API server answering. The helm problem is named first when both fail.
 */
async function preflight(inputs, access, checkpoint, keep) {
    const kubectl = new Kubectl(access);
    const server = async () => (inputs.kubeconfig ? serverOf(inputs.kubeconfig.doc, inputs.context) : await currentServer(kubectl));
    // a main step killed outright leaves the proxy running: the post step stops it
    const proxyStarted = (pid, folder) => checkpoint.proxy({ pid, folder });
    const [helm, api] = await Promise.allSettled([
        resolveHelm(inputs, access, checkpoint),
        connectApi(access, server, inputs.context, proxyStarted),
    ]);
    if (api.status === 'fulfilled')
        keep(api.value);
    if (helm.status === 'rejected')
        throw helm.reason;
    if (api.status === 'rejected')
        throw api.reason;
    if (!inputs.createNamespace && !inputs.dryRun && !(await namespaceExists(api.value, inputs.namespace))) {
        throw new Error(`Namespace ${inputs.namespace} does not exist and create-namespace is false`);
    }
    return { helm: helm.value, api: api.value };
}
async function run() {
    const started = Date.now();
    const abort = new AbortController();
    const onSignal = (signal) => {
        src/* log */.Rm.warning(`Received ${signal}: stopping, and leaving the release settled`);
        abort.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let record;
    let api;
    const checkpoint = new src_checkpoint/* CheckpointWriter */.M((0,src/* mainState */.RA)(state/* stateSchema */.J));
    let folder;
    try {
        const inputs = readInputs(envReader());
        maskInputs(inputs);
        checkpoint.target(inputs.release, inputs.namespace, {
            ...(inputs.context ? { context: inputs.context } : {}),
            atomic: inputs.atomic,
            historyMax: inputs.historyMax,
        });
        folder = (0,src/* createPrivateFolder */.Aj)(state/* ACTION */.h);
        checkpoint.folder(folder);
        const access = clusterAccess(inputs, folder);
        const ready = await preflight(inputs, access, checkpoint, (opened) => (api = opened));
        const helm = ready.helm;
        src/* log */.Rm.info(`Using helm ${helm.flavor.version}`);
        if (inputs.githubToken && inputs.environment && !inputs.dryRun) {
            const { GithubDeployment } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(701)]).then(__webpack_require__.bind(__webpack_require__, 5701));
            record = new GithubDeployment(inputs.githubToken, inputs.environment, inputs.environmentUrl?.href, `${inputs.release} to ${inputs.namespace}`);
            await record.start();
        }
        const outcome = inputs.dryRun
            ? await dryRun(inputs, helm, upgradePlan(inputs, true), baseOutcome(inputs, helm.flavor.version, 'dry-run'), started)
            : await deploy(inputs, helm, ready.api, started, abort.signal, checkpoint);
        await report(outcome);
        await record?.status(outcome.status === 'deployed' ? 'success' : 'failure', outcome.status === 'deployed' ? `revision ${outcome.revision}` : failureMessage(outcome));
    }
    catch (error) {
        const message = (0,src/* reasonOf */.A3)(error);
        await record?.status('failure', message);
        // nothing was deployed by this run: say so, so that later steps can branch on it
        outputs.setSome({ status: 'failed', 'rolled-back': 'false' });
        (0,src/* fail */.fJ)(message);
    }
    finally {
        if (api) {
            await api.close();
            checkpoint.proxy(undefined);
        }
        // the kubeconfig goes with the folder; a release left deploying (a signal) keeps it for the post step
        if (folder && !(0,post/* needsCluster */.y)((0,post/* planPost */.i)(checkpoint.read()))) {
            (0,src/* removePrivateFolder */.Yv)(folder);
            checkpoint.folder(undefined);
        }
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
    }
}
async function report(outcome) {
    outputs.set(outputsOf(outcome));
    await writeSummary(summaryMarkdown(outcome));
    if (outcome.status === 'deployed' || outcome.status === 'dry-run')
        return;
    const events = outcome.workloads.flatMap((w) => w.events);
    if (events.length > 0) {
        src/* log */.Rm.startGroup(`Warning events (${events.length})`);
        for (const e of events)
            src/* log */.Rm.info(`${e.object} ${e.reason} (x${e.count}): ${e.message}`);
        src/* log */.Rm.endGroup();
    }
    for (const w of outcome.workloads)
        for (const pod of w.pods) {
            if (!pod.logs)
                continue;
            src/* log */.Rm.startGroup(`Last log lines of pod ${pod.name}, container ${pod.logs.container}${pod.logs.previous ? ' (the run before the last restart)' : ''}`);
            src/* log */.Rm.lines(pod.logs.lines.join('\n'));
            src/* log */.Rm.endGroup();
        }
    (0,src/* fail */.fJ)(failureMessage(outcome));
}


/***/ })

};
