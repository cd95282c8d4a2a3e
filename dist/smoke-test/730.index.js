export const id = 730;
export const ids = [730];
export const modules = {

/***/ 9730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./packages/runtime/src/dispatch.ts
var dispatch = __webpack_require__(6828);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./packages/secrets/src/derived-forms.ts
/**
 * The forms in which a secret can leak besides its own text: base64 (at every byte
 * alignment, since a secret inside a longer encoded string shifts), base64url, the
 * JSON-escaped and URL-encoded text, and each line of a multi-line value.
 */
function derivedForms(secret) {
    if (secret === '')
        return [];
    const forms = new Set([secret]);
    for (const line of secret.split(/\r?\n/))
        if (line.trim().length >= 3)
            forms.add(line.trim());
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    // as the URL parser writes it in a query and in a path (it leaves ' and other characters alone
    // or encodes them differently from encodeURIComponent)
    forms.add(new URL(`http://x/?${secret}`).search.slice(1));
    forms.add(new URL(`http://x/${secret.replace(/[?#]/g, encodeURIComponent)}`).pathname.slice(1));
    for (const shift of [0, 1, 2]) {
        const encoded = Buffer.from('x'.repeat(shift) + secret, 'utf8').toString('base64');
        const stable = stableBase64Core(encoded, shift, Buffer.byteLength(secret, 'utf8'));
        if (stable.length >= 4) {
            forms.add(stable);
            forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
        }
    }
    return [...forms].filter((form) => form.length > 0);
}
/**
 * The part of a base64 string that depends only on the secret's bytes, whatever comes
 * before or after it: skip the characters touched by the `shift` prefix bytes and drop the
 * last group that may mix with following bytes.
 */
function stableBase64Core(encoded, shift, secretBytes) {
    const startChar = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
    const endBits = (shift + secretBytes) * 8;
    const endChar = Math.floor(endBits / 6);
    return encoded.slice(startChar, endChar).replace(/=+$/, '');
}

;// CONCATENATED MODULE: ./packages/secrets/src/mask.ts


const registered = new Set();
/**
 * Registers a secret and its derived forms with the runner (::add-mask::) and keeps them
 * for redact(). Call it before the first line that could contain the value is printed.
 */
function maskSecret(secret, register = lib_core.setSecret) {
    for (const form of derivedForms(secret)) {
        if (registered.has(form))
            continue;
        registered.add(form);
        register(form);
    }
}
/**
 * Replaces every registered secret form in a text with ***. Used on text the action itself
 * builds from outside data (error messages, process output) before it is printed or saved.
 */
function redact(text, extra = []) {
    const forms = [...registered, ...extra.flatMap(derivedForms)].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of forms)
        out = out.split(form).join('***');
    return out;
}
/** For tests: forget every registered secret. */
function resetMaskedSecrets() {
    registered.clear();
}

;// CONCATENATED MODULE: ./packages/secrets/src/url-credentials.ts

/**
 * Masks the user, password and their 'user:pass' pair of a URL with credentials, and
 * returns the URL as it may be shown (credentials replaced by ***).
 */
function maskUrlCredentials(url) {
    if (url.username === '' && url.password === '')
        return url.href;
    const decode = (text) => {
        try {
            return decodeURIComponent(text);
        }
        catch {
            return text;
        }
    };
    const user = decode(url.username);
    const password = decode(url.password);
    // the decoded values and the forms as typed (percent-encoded as in the URL)
    for (const value of new Set([password, url.password]))
        if (value !== '')
            maskSecret(value);
    for (const value of new Set([user, url.username]))
        if (value !== '')
            maskSecret(value);
    if (user !== '' && password !== '')
        maskSecret(`${user}:${password}`);
    if (url.username !== '' && url.password !== '')
        maskSecret(`${url.username}:${url.password}`);
    return displayUrl(url);
}
/** The URL without its credentials, for logs and summaries. */
function displayUrl(url) {
    if (url.username === '' && url.password === '')
        return url.href;
    const shown = new URL(url.href);
    shown.username = '***';
    shown.password = '';
    return shown.href;
}

;// CONCATENATED MODULE: ./packages/secrets/src/index.ts




;// CONCATENATED MODULE: ./packages/runtime/src/text.ts
// The guarded path for text from outside (cluster objects, tool output, HTTP, certificate
// fields). The runner reads a workflow command from any line of a step's output that starts
// with `::` after blanks, and the older `##[name]` form anywhere in a line; a line break
// inside outside text would start a line of the attacker's choosing. Everything printed
// passes through safeLine, so no such text can become a command. Pure: no I/O.
/** Longest line printed; the rest is cut and counted. */
const MAX_LINE_LENGTH = 8192;
// CR, LF, NEL and the Unicode line and paragraph separators, which some readers treat as
// line ends; CRLF counts once.
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// C0 controls but tab, DEL and C1 controls: ANSI escapes, backspace, form feed, NUL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** Caret notation for a control character (ESC -> ^[, NUL -> ^@), so it stays visible but inert. */
function caret(char) {
    const code = char.charCodeAt(0);
    if (code < 0x20)
        return `^${String.fromCharCode(code + 0x40)}`;
    if (code === 0x7f)
        return '^?';
    return `\\u${code.toString(16).padStart(4, '0')}`;
}
/** Breaks both command forms: `::` at the start of the line and `##[` anywhere. */
function defuse(line) {
    const withoutOld = line.replace(/##\[/g, '# #[');
    return withoutOld.replace(/^(\s*):(?=:)/, '$1: ');
}
/**
 * One printable line that no runner reads as a command: line breaks folded into ' ⏎ ',
 * control characters shown in caret notation, `::` at the start and `##[` defused, and
 * the length capped (what was cut is counted).
 */
function safeLine(text, maxLength = MAX_LINE_LENGTH) {
    const folded = text.replace(LINE_BREAKS, ' ⏎ ').replace(CONTROLS, caret);
    const capped = folded.length > maxLength ? `${folded.slice(0, maxLength)}… (${folded.length - maxLength} more characters)` : folded;
    return defuse(capped);
}
/** Each line of a multi-line text made safe on its own (tool output printed line by line). */
function safeLines(text, maxLength = MAX_LINE_LENGTH) {
    return text.split(/\r\n|[\r\n\u0085\u2028\u2029]/).map((line) => safeLine(line, maxLength));
}
/**
 * Turns a stream of chunks into whole safe lines: `push` returns the lines completed so far,
 * `end` the last partial line. A chunk boundary never splits a command apart from its `::`.
 */
function lineSplitter(maxLength = MAX_LINE_LENGTH) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            const parts = pending.split(/\r\n|[\n\u0085\u2028\u2029]|\r(?!$)/);
            pending = parts.pop() ?? '';
            if (pending.length > maxLength * 4) {
                parts.push(pending);
                pending = '';
            }
            return parts.map((line) => safeLine(line, maxLength));
        },
        end() {
            const rest = pending;
            pending = '';
            return rest === '' ? [] : [safeLine(rest, maxLength)];
        },
    };
}

;// CONCATENATED MODULE: ./packages/runtime/src/log.ts



// What an action prints. Every message goes through redact (no registered secret form) and
// safeLine (no workflow command, no line break), whatever part of it came from outside.
// Annotations carry one line each: the runner shows %0A as a break, the summary as <br>.
const clean = (text) => safeLine(redact(text));
const log = {
    info: (text) => lib_core.info(clean(text)),
    /** Shown on a runner with debug logging on; nothing in a local terminal, where ::debug:: is noise. */
    debug: (text) => {
        if (process.env.GITHUB_ACTIONS === 'true')
            lib_core.debug(clean(text));
    },
    notice: (text) => lib_core.notice(clean(text)),
    warning: (text) => lib_core.warning(clean(text)),
    error: (text) => lib_core.error(clean(text)),
    /** A log group with a safe title. */
    startGroup: (title) => lib_core.startGroup(clean(title)),
    endGroup: () => lib_core.endGroup(),
    /** Several lines from outside, each made safe on its own. */
    lines(text) {
        for (const line of safeLines(redact(text)))
            lib_core.info(line);
    },
};
/** Fails the step with one safe line (exit code 1 when the process ends). */
function fail(message) {
    lib_core.setFailed(clean(message));
}
/** The one-line reason of a caught value, for `fail` and the outputs. */
function reasonOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./packages/runtime/src/outputs.ts


/**
 * An action's outputs, typed by the names its action.yml declares. Values are written
 * through GITHUB_OUTPUT (never as commands) and redacted, so no secret form leaves.
 */
function defineOutputs(names) {
    return {
        names,
        /** Sets every output. */
        set(values) {
            for (const name of names)
                lib_core.setOutput(name, redact(values[name]));
        },
        /** Sets some outputs (the result of a run that failed before it had the others). */
        setSome(values) {
            for (const name of names)
                if (values[name] !== undefined)
                    lib_core.setOutput(name, redact(values[name]));
        },
    };
}

// EXTERNAL MODULE: ./packages/runtime/src/state.ts
var state = __webpack_require__(7649);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./packages/runtime/src/private-folder.ts




function bases(env) {
    return [...new Set([env.RUNNER_TEMP, tmpdir()].filter((b) => Boolean(b)).map((b) => resolve(b)))];
}
/**
 * Makes the action's private folder. `maxPathLength` keeps room for a unix socket path
 * (under 108 bytes): a deeper RUNNER_TEMP falls back to the system temp folder.
 */
function createPrivateFolder(action, env = process.env, maxPathLength) {
    const runnerTemp = env.RUNNER_TEMP;
    const fits = (base) => maxPathLength === undefined || join(base, `${action}-XXXXXX`).length <= maxPathLength;
    const base = runnerTemp && fits(runnerTemp) ? runnerTemp : tmpdir();
    mkdirSync(base, { recursive: true });
    const dir = mkdtempSync(join(base, `${action}-`));
    chmodSync(dir, 0o700);
    return dir;
}
/** Whether a path has the shape of a private folder of this action: <RUNNER_TEMP or tmp>/<action>-XXXXXX. */
function isPrivateFolder(action, path, env = process.env) {
    const full = resolve(path);
    if (full !== path || !bases(env).includes(dirname(full)))
        return false;
    return new RegExp(`^${action.replace(/[^a-z0-9-]/gi, '')}-[A-Za-z0-9]{6}$`).test(basename(full));
}
/** A state field that reads back only a private folder of this action. */
function privateFolderField(action, env = process.env) {
    return fields.custom((raw) => (isPrivateFolder(action, raw, env) ? raw : undefined), (value) => value);
}
/** A state field that reads back only a path inside a private folder of this action. */
function privatePathField(action, env = process.env) {
    return fields.custom((raw) => (resolve(raw) === raw && isPrivateFolder(action, dirname(raw), env) ? raw : undefined), (value) => value);
}
/** Removes a private folder; a symbolic link in its place is removed as a link, never followed. */
function removePrivateFolder(dir) {
    try {
        if (lstatSync(dir).isSymbolicLink()) {
            rmSync(dir, { force: true });
            return;
        }
    }
    catch {
        return; // gone already
    }
    rmSync(dir, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./packages/runtime/src/main-state.ts


/** The state of main: saved through the runner's state file, readable back in the same step. */
function mainState(schema) {
    return new ActionState(schema, process.env, (name, value) => core.saveState(name, value));
}

;// CONCATENATED MODULE: ./packages/runtime/src/index.ts








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
        throw new InputError(input, `line '${line}' is not key=value`, example);
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
        throw new input_error_InputError(input, `${shown}: use one 'Name: value' per line`, 'Authorization: Bearer <token>');
    }
    return { key, value: line.slice(at + 1).trim() };
}

;// CONCATENATED MODULE: ./packages/inputs/src/status-codes.ts

const EXAMPLE = '200,204,300-399';
function code(input, text) {
    if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
        throw new input_error_InputError(input, `'${text}' is not an HTTP status code between 100 and 599`, EXAMPLE);
    }
    return Number(text);
}
/** Parses '200,204,300-399' (commas or whitespace between items) into inclusive ranges. */
function parseStatusCodes(input, raw) {
    const items = raw.split(/[\s,]+/).filter((item) => item !== '');
    if (items.length === 0)
        throw new input_error_InputError(input, 'no status code given', EXAMPLE);
    return items.map((item) => {
        const parts = item.split('-');
        if (parts.length > 2)
            throw new input_error_InputError(input, `'${item}' is not a code or a range`, EXAMPLE);
        const from = code(input, parts[0]);
        const to = parts.length === 2 ? code(input, parts[1]) : from;
        if (to < from)
            throw new input_error_InputError(input, `range '${item}' ends before it starts`, EXAMPLE);
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
        throw new input_error_InputError(input, `'${raw}' is not a valid regular expression (${error.message})`, example);
    }
}
/** One of a fixed set of words (case-sensitive after normalising with `normalise`). */
function parseChoice(input, raw, choices, fallback, normalise = (text) => text) {
    const text = normalise(raw.trim());
    if (text === '')
        return fallback;
    const found = choices.find((choice) => choice === text);
    if (found === undefined) {
        throw new input_error_InputError(input, `'${raw.trim()}' is not one of ${choices.join(', ')}`, fallback);
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
    if ((0,external_node_net_.isIP)(text) === 0 && !HOSTNAME.test(text))
        throw new input_error_InputError(input, `'${text}' is not an IP address or a host name`, '203.0.113.10');
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
        throw new input_error_InputError(input, `'${text}' is not a size from ${min} bytes to ${max / 1024 ** 2} MiB (use B, KiB, MiB, KB or MB, or plain bytes)`, '1MiB');
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











// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./packages/net/src/trust.ts



const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
/**
 * Splits a PEM bundle into certificates and checks that each one parses. An empty text
 * gives an empty list; text that holds no certificate or a broken one is an InputError.
 */
function parsePemBundle(input, text) {
    if (text.trim() === '')
        return [];
    const blocks = text.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
        throw new input_error_InputError(input, 'no PEM certificate found (expected -----BEGIN CERTIFICATE----- blocks)', '-----BEGIN CERTIFICATE-----\\nMIIB...\\n-----END CERTIFICATE-----');
    }
    blocks.forEach((block, index) => {
        try {
            new external_node_crypto_.X509Certificate(block);
        }
        catch (error) {
            throw new input_error_InputError(input, `certificate ${index + 1} of ${blocks.length} does not parse (${error.message})`, '-----BEGIN CERTIFICATE-----\\nMIIB...\\n-----END CERTIFICATE-----');
        }
    });
    return blocks;
}
/** The roots a connection trusts: Node's bundled roots plus the extra certificates given. */
function trustedRoots(extra) {
    if (extra.length === 0)
        return undefined;
    return [...external_node_tls_.rootCertificates, ...extra];
}
const contexts = new WeakMap();
/**
 * One TLS context per trust list and minimum version, made once: parsing ~150 roots for
 * every connection would make checking many hosts slow.
 */
function trust_secureContextFor(ca, minVersion = 'TLSv1.2', ciphers) {
    let byVersion = contexts.get(ca);
    if (!byVersion) {
        byVersion = new Map();
        contexts.set(ca, byVersion);
    }
    const key = `${minVersion} ${ciphers ?? ''}`;
    let context = byVersion.get(key);
    if (!context) {
        context = external_node_tls_.createSecureContext({ ca: [...ca], minVersion, ...(ciphers ? { ciphers } : {}) });
        byVersion.set(key, context);
    }
    return context;
}

;// CONCATENATED MODULE: ./packages/net/src/tls-codes.ts
/** OpenSSL and Node verification codes in words. */
const TLS_REASONS = {
    CERT_HAS_EXPIRED: 'certificate has expired',
    CERT_NOT_YET_VALID: 'certificate is not yet valid',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'certificate issuer is not trusted: the chain ends in a self-signed root that is not trusted (a private CA? give its certificate in ca-cert)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate issuer is not trusted: either a private CA (give its certificate in ca-cert) or an intermediate the server does not send',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer is not trusted: the chain ends at an issuer that is not a trusted root (a private CA? give its certificate in ca-cert)',
    UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is not trusted (its issuer certificate was not found)',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
    CERT_REVOKED: 'certificate has been revoked',
    CERT_SIGNATURE_FAILURE: 'certificate signature does not verify',
    CERT_UNTRUSTED: 'certificate is not trusted',
    INVALID_CA: 'an issuer in the chain is not a valid CA',
    PATH_LENGTH_EXCEEDED: 'certificate chain is longer than its CA allows',
    HOSTNAME_MISMATCH: 'certificate does not match the host name',
    ERR_SSL_UNSUPPORTED_PROTOCOL: 'server offers no TLS version this client accepts',
    ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'server refused the TLS version',
    ERR_SSL_EXCESSIVE_MESSAGE_SIZE: 'the certificate chain the server sends is too large to read (over 100 KiB)',
    ERR_SSL_CA_MD_TOO_WEAK: 'a certificate in the chain is signed with a weak digest (SHA-1 or MD5)',
    ERR_SSL_EE_KEY_TOO_SMALL: "the server certificate's key is too small",
};
function isTlsVerificationCode(code) {
    return code in TLS_REASONS && !code.startsWith('ERR_SSL_');
}
function tlsReason(code) {
    return TLS_REASONS[code];
}

;// CONCATENATED MODULE: ./packages/net/src/describe-error.ts


/** Every error in a cause chain (and AggregateError members), outermost first. */
function chain(error) {
    const seen = [];
    const queue = [error];
    while (queue.length > 0 && seen.length < 20) {
        const item = queue.shift();
        if (item === null || typeof item !== 'object' || seen.includes(item))
            continue;
        const e = item;
        seen.push(e);
        if (e.cause !== undefined)
            queue.push(e.cause);
        if (Array.isArray(e.errors))
            queue.push(...e.errors);
    }
    return seen;
}
/** Handshake failures that are not about the certificate, in words (OpenSSL's codes as Node names them). */
const HANDSHAKE = {
    ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed: the server did not answer in TLS (is this port plain HTTP? then use http://)',
    ERR_SSL_PACKET_LENGTH_TOO_LONG: 'TLS handshake failed: the server did not answer in TLS (is this port plain HTTP? then use http://)',
    ERR_SSL_HTTP_REQUEST: 'TLS handshake failed: the server expected TLS and got plain HTTP',
    ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'TLS handshake failed: the server and this client share no cipher or protocol',
    ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'TLS handshake failed: the server reported an internal error (often no certificate for this host name)',
    ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'TLS handshake failed: the server has no certificate for this host name (SNI)',
};
/**
 * One line in words from an error message that may be OpenSSL's multi-line text
 * ("...:error:0A00010B:SSL routines::wrong version number:../deps/openssl/..."): its reason.
 */
function oneLine(message) {
    const first = message.split(/\r?\n/).find((line) => line.trim() !== '') ?? message;
    const openssl = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/i.exec(first);
    if (openssl)
        return `TLS handshake failed (${openssl[1].trim()})`;
    return first.trim();
}
/**
 * Turns whatever an HTTP or TLS call threw into a cause in words and a retry decision,
 * never "fetch failed". `timeoutMs` is the limit of the attempt, for the timeout message.
 */
function describe_error_describeNetworkError(error, timeoutMs) {
    const errors = chain(error);
    const codes = errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
    const names = errors.map((e) => (typeof e.name === 'string' ? e.name : ''));
    const tlsCode = codes.find((c) => tlsReason(c) !== undefined);
    if (tlsCode !== undefined) {
        return {
            code: tlsCode,
            message: tlsReason(tlsCode),
            retryable: !isTlsVerificationCode(tlsCode),
            tls: isTlsVerificationCode(tlsCode),
        };
    }
    const handshake = codes.find((c) => c in HANDSHAKE);
    if (handshake !== undefined)
        return { code: handshake, message: HANDSHAKE[handshake], retryable: true, tls: false };
    const has = (...wanted) => codes.find((c) => wanted.includes(c));
    const seconds = formatDuration(timeoutMs);
    const found = (has('ECONNREFUSED') && { code: 'ECONNREFUSED', message: 'connection refused' }) ||
        (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET') && { code: 'ECONNRESET', message: 'connection reset by the server' }) ||
        (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME') && { code: 'ENOTFOUND', message: 'DNS lookup failed (host not found)' }) ||
        (has('EHOSTUNREACH', 'ENETUNREACH') && { code: 'EHOSTUNREACH', message: 'host unreachable' }) ||
        (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT') && { code: 'TIMEOUT', message: `no connection within ${seconds}` }) ||
        ((has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR', 'UND_ERR_ABORTED') ||
            names.includes('TimeoutError') ||
            names.includes('AbortError')) && {
            code: 'TIMEOUT',
            message: `no complete response within ${seconds}`,
        }) ||
        (has('UND_ERR_REQ_RETRY', 'UND_ERR_INFO') && { code: 'REDIRECT', message: 'too many redirects' }) ||
        (has('UND_ERR_CLOSED', 'UND_ERR_DESTROYED') && { code: 'ECONNRESET', message: 'connection closed before the response ended' });
    if (found)
        return { ...found, retryable: true, tls: false };
    const deepest = [...errors].reverse().find((e) => typeof e.message === 'string' && e.message !== '' && e.message !== 'fetch failed');
    const code = codes.at(-1) ?? 'ERROR';
    const message = oneLine(typeof deepest?.message === 'string' ? deepest.message : String(error));
    return { code, message: /max.*redirect/i.test(message) ? 'too many redirects' : message, retryable: true, tls: false };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./packages/net/src/http-attempt.ts





function fixedLookup(address) {
    const family = address.includes(':') ? 6 : 4;
    return (_host, options, callback) => {
        if (options?.all)
            callback(null, [{ address, family }]);
        else
            callback(null, address, family);
    };
}
/** Redirects followed by default: a chain of exactly this many passes, one more fails. */
const MAX_REDIRECTS = 10;
function agentFor(options) {
    return new undici/* Agent */.g6({
        connect: {
            timeout: options.timeoutMs,
            rejectUnauthorized: !options.insecure,
            ...(options.ca ? { secureContext: trust_secureContextFor(options.ca) } : {}),
            ...(options.connectAddress ? { lookup: fixedLookup(options.connectAddress) } : {}),
        },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        connections: 1,
        pipelining: 0,
    });
}
const REDIRECT = new Set([301, 302, 303, 307, 308]);
/**
 * The next request after a redirect, or undefined when the answer is final. Headers the user
 * set go only to the same origin and never from https down to http, unless forwardHeaders. Pure.
 */
function nextHop(from, status, location, method, headers, forwardHeaders) {
    if (!REDIRECT.has(status) || !location)
        return undefined;
    let url;
    try {
        url = new URL(location, from);
    }
    catch {
        throw new Error(`status ${status} redirects to a Location that is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return undefined;
    const keep = forwardHeaders || (url.origin === from.origin && !(from.protocol === 'https:' && url.protocol === 'http:'));
    // 303, and 301/302 after a POST, become a GET without a body, as browsers do
    const nextMethod = status === 303 || ((status === 301 || status === 302) && method === 'POST') ? 'GET' : method;
    return { url, method: nextMethod, headers: keep ? headers : {} };
}
/** Content-Encodings decoded (the ones asked for): each a fresh decoder. */
const DECODERS = {
    gzip: external_node_zlib_.createGunzip,
    'x-gzip': external_node_zlib_.createGunzip,
    deflate: external_node_zlib_.createInflate,
    br: external_node_zlib_.createBrotliDecompress,
};
const ACCEPT_ENCODING = 'gzip, deflate, br';
/** A body that could not be decoded: the encoding and the cause in words. */
class DecodeError extends Error {
}
/**
 * Reads a body up to `limit` bytes, decoded by its Content-Encoding (several, applied in the
 * order given, are undone in reverse); an encoding not asked for is left as it came.
 */
async function readBody(body, limit, contentEncoding, decode) {
    const encodings = decode
        ? (contentEncoding ?? '')
            .split(',')
            .map((e) => e.trim().toLowerCase())
            .filter((e) => e !== '' && e !== 'identity')
        : [];
    const decoders = encodings.every((e) => e in DECODERS) ? [...encodings].reverse().map((e) => DECODERS[e]()) : [];
    const source = decoders.length === 0 ? body : (0,external_node_stream_.pipeline)([body, ...decoders], () => undefined);
    const chunks = [];
    let size = 0;
    try {
        for await (const chunk of source) {
            if (size < limit)
                chunks.push(chunk.subarray(0, limit - size));
            size += chunk.length;
            if (size >= limit)
                break;
        }
    }
    catch (error) {
        if (decoders.length === 0)
            throw error;
        const cause = error.message.split('\n')[0] ?? 'corrupt data';
        throw new DecodeError(`the ${encodings.join(', ')} body could not be decoded (${cause})`);
    }
    finally {
        body.destroy();
    }
    return Buffer.concat(chunks).toString('utf8');
}
function headersOf(raw) {
    const headers = {};
    for (const [name, value] of Object.entries(raw))
        if (value !== undefined)
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return headers;
}
/**
 * One HTTP request (and its redirects, when followRedirects) with a hard deadline for the
 * whole; a failure is returned in words, never thrown. connect-address applies to the
 * original host only: a redirect to another host resolves that host.
 */
async function httpAttempt(options) {
    const started = performance.now();
    const pinned = agentFor(options);
    const plain = options.connectAddress ? agentFor({ ...options, connectAddress: undefined }) : pinned;
    const signal = AbortSignal.timeout(Math.max(1, options.timeoutMs));
    const limit = options.maxRedirects ?? MAX_REDIRECTS;
    const decode = options.decompress !== false;
    const asked = decode && !Object.keys(options.headers).some((name) => name.toLowerCase() === 'accept-encoding');
    const own = (name) => Object.keys(options.headers).some((key) => key.toLowerCase() === name);
    const extra = {
        ...(asked ? { 'accept-encoding': ACCEPT_ENCODING } : {}),
        ...(options.userAgent && !own('user-agent') ? { 'user-agent': options.userAgent } : {}),
    };
    const requestHeaders = (headers) => ({ ...extra, ...headers });
    let hop = { url: options.url, method: options.method, headers: options.headers };
    try {
        for (let redirects = 0;; redirects += 1) {
            const response = await (0,undici/* request */.Em)(hop.url, {
                method: hop.method,
                headers: requestHeaders(hop.headers),
                dispatcher: hop.url.hostname === options.url.hostname ? pinned : plain,
                signal,
            });
            const headers = headersOf(response.headers);
            const next = options.followRedirects
                ? nextHop(hop.url, response.statusCode, headers.location, hop.method, hop.headers, options.forwardHeaders === true)
                : undefined;
            if (next === undefined) {
                const body = await readBody(response.body, options.maxBodyBytes ?? 1024 * 1024, headers['content-encoding'], decode);
                return { status: response.statusCode, headers, body, finalUrl: hop.url.href, redirects, durationMs: performance.now() - started };
            }
            await response.body.dump().catch(() => undefined);
            if (redirects + 1 > limit) {
                return {
                    failure: { code: 'REDIRECT', message: `too many redirects (more than ${limit})`, retryable: true, tls: false },
                    durationMs: performance.now() - started,
                };
            }
            hop = next;
        }
    }
    catch (error) {
        if (error instanceof DecodeError)
            return { failure: { code: 'DECODE', message: error.message, retryable: true, tls: false }, durationMs: performance.now() - started };
        return { failure: describe_error_describeNetworkError(error, options.timeoutMs), durationMs: performance.now() - started };
    }
    finally {
        await Promise.all([pinned.destroy().catch(() => undefined), plain === pinned ? undefined : plain.destroy().catch(() => undefined)]);
    }
}

;// CONCATENATED MODULE: ./packages/net/src/tls-inspect.ts






/**
 * The client lets every algorithm and key through so that the certificate can be seen and
 * judged by name (SHA-1, RSA 1024) instead of a handshake error; the checks judge them.
 */
const SEE_EVERYTHING = 'DEFAULT:@SECLEVEL=0';
const VERSIONS = (/* unused pure expression or super */ null && (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']));
const VERSION_REFUSED = new Set([
    'ERR_SSL_UNSUPPORTED_PROTOCOL',
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
    'ERR_SSL_VERSION_TOO_LOW',
]);
/** One handshake; the caller reads the socket and destroys it. */
function handshake(options, minVersion) {
    return new Promise((resolve) => {
        let settled = false;
        let stapled;
        const finish = (session) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            if (!session.socket)
                socket.destroy();
            resolve(session);
        };
        const socket = tls.connect({
            host: options.connectAddress ?? options.host,
            port: options.port,
            ...(isIP(options.host) ? {} : { servername: options.host }),
            ...(options.ca
                ? { secureContext: secureContextFor(options.ca, minVersion, SEE_EVERYTHING) }
                : { minVersion, ciphers: SEE_EVERYTHING }),
            rejectUnauthorized: false,
            requestOCSP: true,
            // the name is checked below against the subjectAltName only, never the Common Name
            checkServerIdentity: () => undefined,
        });
        const timer = setTimeout(() => {
            finish({
                failure: {
                    code: 'TIMEOUT',
                    message: `no TLS handshake within ${Math.round(options.timeoutMs / 1000)}s`,
                    retryable: true,
                    tls: false,
                },
            });
        }, options.timeoutMs);
        socket.on('OCSPResponse', (response) => {
            stapled = response;
        });
        socket.once('secureConnect', () => finish({ socket, ...(stapled ? { stapled } : {}) }));
        socket.once('error', (error) => finish({ failure: describeNetworkError(error, options.timeoutMs) }));
    });
}
/**
 * After a refused version: the highest version the server speaks, learned with a second
 * handshake that accepts every version, to name what it offers against what is required.
 */
async function versionFailure(options, failure) {
    const probe = await handshake(options, 'TLSv1');
    const offered = probe.socket?.getProtocol();
    probe.socket?.destroy();
    const required = VERSIONS.slice(VERSIONS.indexOf(options.minVersion)).join(' or ');
    const message = offered
        ? `server offers ${offered} at most; ${required} is required (min-tls-version ${options.minVersion})`
        : `server refused every TLS version this client offers (${required} required by min-tls-version; older versions refused too)`;
    return { ...failure, message };
}
/**
 * Opens one TLS session and reports what the server presented: the session is made without
 * rejecting, so that a bad certificate can be described (dates, names) rather than only refused.
 */
async function inspectTls(options) {
    const session = await handshake(options, options.minVersion);
    if (session.failure) {
        const refused = VERSION_REFUSED.has(session.failure.code);
        return { failure: refused ? await versionFailure(options, session.failure) : session.failure };
    }
    const socket = session.socket;
    try {
        return describeSession(socket, options.host, session.stapled);
    }
    catch (error) {
        return {
            failure: { code: 'INSPECT', message: `could not read the certificate: ${error.message}`, retryable: true, tls: false },
        };
    }
    finally {
        socket.destroy();
    }
}
/** The served chain, leaf first; stops at a self-issued link or an empty one. */
function chainOf(leaf) {
    const certs = [];
    const seen = new Set();
    for (let link = leaf; link?.raw && certs.length < 10; link = link.issuerCertificate) {
        if (seen.has(link.fingerprint256))
            break;
        seen.add(link.fingerprint256);
        certs.push(new X509Certificate(link.raw));
    }
    return certs;
}
function describeSession(socket, host, stapled) {
    const detailed = socket.getPeerCertificate(true);
    const chain = chainOf(detailed);
    const peer = socket.getPeerX509Certificate();
    if (!peer)
        return { failure: { code: 'NO_CERTIFICATE', message: 'server presented no certificate', retryable: true, tls: false } };
    const hostOk = isIP(host) ? peer.checkIP(host) : peer.checkHost(host, { subject: 'never' });
    const authError = socket.authorizationError;
    const chainError = authError ? (typeof authError === 'string' ? authError : (authError.code ?? authError.message)) : undefined;
    const issuer = chain.find((cert, index) => index > 0 && peer.checkIssued(cert));
    return {
        ...(socket.getProtocol() ? { tlsVersion: socket.getProtocol() } : {}),
        leaf: certificateFacts(peer),
        chainSubjects: chain.map((cert) => nameOf(cert.subject).replace(/\n/g, ', ')),
        served: chain.map(certificateFacts),
        ...(chainError ? { chainError } : {}),
        ...(hostOk === undefined ? { hostError: `certificate is not valid for ${host}` } : {}),
        leafRaw: peer.raw,
        ...(issuer ? { issuerRaw: issuer.raw } : {}),
        ...(stapled ? { stapledOcsp: stapled } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/net/src/url.ts

/** An absolute http:// or https:// URL, or an InputError naming the input. */
function parseHttpUrl(input, text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
        throw new input_error_InputError(input, hasScheme
            ? `'${safe(text)}' is not a valid URL (check the host name and the port)`
            : `'${safe(text)}' is not an absolute URL (a scheme such as https:// is required)`, 'https://staging.todo.example.com/api/health');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new input_error_InputError(input, `'${safe(text)}' uses ${url.protocol.replace(':', '')}; only http and https are probed`, 'https://staging.todo.example.com/api/health');
    }
    return url;
}
/**
 * Hides credentials in a URL-looking text that did not parse, for error messages: everything
 * before the last @ (after the scheme, if any), since a password may hold / or \\.
 */
function hideCredentials(text) {
    return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^\s]*@/i, (_all, scheme) => `${scheme ?? ''}***@`);
}
const safe = hideCredentials;
/** 'host', 'host:port', '[v6]:port'; the port must be 1-65535. */
function parseHostPort(input, text, defaultPort) {
    const example = 'todo.example.com:443';
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s/[\]]+))(?::(\d+))?$/.exec(text.trim());
    if (!match)
        throw new InputError(input, `'${text}' is not host or host:port`, example);
    const host = (match[1] ?? match[2]);
    if (match[3] === undefined)
        return { host, port: defaultPort };
    const port = Number(match[3]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new InputError(input, `port ${match[3]} of '${text}' is out of range 1-65535`, example);
    }
    return { host, port };
}

;// CONCATENATED MODULE: ./packages/net/src/der.ts
// A minimal reader of DER (the binary encoding of X.509 certificates, CRLs and OCSP
// responses): enough to walk their structure. No dependency: Node reads certificates but
// neither CRLs nor OCSP responses.
const der_Tag = {
    Boolean: 0x01,
    Integer: 0x02,
    BitString: 0x03,
    OctetString: 0x04,
    Null: 0x05,
    Oid: 0x06,
    Enumerated: 0x0a,
    Utf8String: 0x0c,
    UtcTime: 0x17,
    GeneralizedTime: 0x18,
    Sequence: 0x30,
    Set: 0x31,
};
class der_DerError extends (/* unused pure expression or super */ null && (Error)) {
}
/** Context-specific tag number n, constructed (as [n] EXPLICIT or an IMPLICIT SEQUENCE) or primitive. */
const der_contextTag = (n, constructed = true) => 0x80 | (constructed ? 0x20 : 0) | n;
/** Reads the element that starts at offset; its end must lie inside the buffer. */
function readNode(buffer, offset = 0) {
    if (offset + 2 > buffer.length)
        throw new der_DerError('DER: truncated element');
    const tag = buffer[offset];
    if ((tag & 0x1f) === 0x1f)
        throw new der_DerError('DER: high tag numbers are not supported');
    let length = buffer[offset + 1];
    let header = 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        if (bytes === 0 || bytes > 4)
            throw new der_DerError('DER: indefinite or oversized length');
        if (offset + 2 + bytes > buffer.length)
            throw new der_DerError('DER: truncated length');
        length = 0;
        for (let i = 0; i < bytes; i += 1)
            length = length * 256 + buffer[offset + 2 + i];
        header += bytes;
    }
    const end = offset + header + length;
    if (end > buffer.length)
        throw new der_DerError('DER: element runs past the end of the data');
    return { tag, raw: buffer.subarray(offset, end), value: buffer.subarray(offset + header, end) };
}
/** The one element a buffer holds; trailing bytes are an error. */
function der_parseDer(buffer) {
    const node = readNode(buffer, 0);
    if (node.raw.length !== buffer.length)
        throw new der_DerError('DER: trailing bytes after the element');
    return node;
}
/** The elements inside a constructed element, in order. */
function der_children(node) {
    if (!(node.tag & 0x20))
        throw new der_DerError(`DER: element with tag 0x${node.tag.toString(16)} is not constructed`);
    const items = [];
    for (let offset = 0; offset < node.value.length;) {
        const child = readNode(node.value, offset);
        items.push(child);
        offset += child.raw.length;
    }
    return items;
}
function der_expectTag(node, tag, what) {
    if (!node || node.tag !== tag)
        throw new der_DerError(`DER: expected ${what}`);
    return node;
}
/** Dotted text of an OBJECT IDENTIFIER. */
function der_readOid(node) {
    der_expectTag(node, der_Tag.Oid, 'an object identifier');
    const bytes = node.value;
    if (bytes.length === 0)
        throw new der_DerError('DER: empty object identifier');
    const arcs = [];
    let value = 0;
    for (const byte of bytes) {
        value = value * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            arcs.push(value);
            value = 0;
        }
    }
    const first = arcs.shift();
    const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
    return [...head, ...arcs].join('.');
}
/** An INTEGER (or serial number) as lower-case hex without leading zero bytes. */
function der_readIntegerHex(node) {
    der_expectTag(node, der_Tag.Integer, 'an integer');
    let start = 0;
    while (start < node.value.length - 1 && node.value[start] === 0)
        start += 1;
    return node.value.subarray(start).toString('hex');
}
/** A small INTEGER or ENUMERATED as a number. */
function der_readSmallInteger(node) {
    if (node.tag !== der_Tag.Integer && node.tag !== der_Tag.Enumerated)
        throw new der_DerError('DER: expected an integer');
    return node.value.reduce((n, byte) => n * 256 + byte, 0);
}
/** UTCTime or GeneralizedTime (the forms X.509 uses: seconds, optional fraction, Z). */
function der_readTime(node) {
    const text = node.value.toString('latin1');
    const match = node.tag === der_Tag.UtcTime
        ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text)
        : node.tag === der_Tag.GeneralizedTime
            ? /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.\d+)?Z$/.exec(text)
            : null;
    if (!match)
        throw new der_DerError('DER: expected a UTC time');
    const [, y, mo, d, h, mi, s] = match.map(Number);
    const year = node.tag === der_Tag.UtcTime ? (y < 50 ? 2000 + y : 1900 + y) : y;
    return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}
/** The bytes of a BIT STRING with no unused bits (signatures, keys). */
function der_readBitString(node) {
    der_expectTag(node, der_Tag.BitString, 'a bit string');
    if (node.value[0] !== 0)
        throw new der_DerError('DER: bit string with unused bits');
    return node.value.subarray(1);
}

;// CONCATENATED MODULE: ./packages/net/src/certificate-der.ts

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';
/** The values of a SEQUENCE OF Extension, by OID. */
function certificate_der_extensionValues(extensions) {
    const found = new Map();
    if (!extensions)
        return found;
    for (const extension of children(expectTag(extensions, Tag.Sequence, 'extensions'))) {
        const parts = children(extension);
        const value = parts.at(-1);
        if (parts[0] && value?.tag === Tag.OctetString)
            found.set(readOid(parts[0]), value.value);
    }
    return found;
}
function crlUrls(value) {
    if (!value)
        return [];
    const urls = [];
    for (const point of children(parseDer(value))) {
        const name = children(point).find((part) => part.tag === contextTag(0));
        const fullName = name ? children(name).find((part) => part.tag === contextTag(0)) : undefined;
        for (const general of fullName ? children(fullName) : []) {
            // uniformResourceIdentifier [6] IMPLICIT IA5String
            if (general.tag === contextTag(6, false))
                urls.push(general.value.toString('latin1'));
        }
    }
    return urls.filter((url) => /^https?:\/\//i.test(url));
}
function certificate_der_readCertificateDer(der) {
    const tbs = expectTag(children(parseDer(der))[0], Tag.Sequence, 'a certificate');
    const fields = children(tbs);
    const offset = fields[0]?.tag === contextTag(0) ? 1 : 0;
    const serial = fields[offset];
    const issuer = expectTag(fields[offset + 2], Tag.Sequence, 'an issuer name');
    const subject = expectTag(fields[offset + 4], Tag.Sequence, 'a subject name');
    const wrapper = fields.find((f) => f.tag === contextTag(3));
    const extensions = certificate_der_extensionValues(wrapper ? children(wrapper)[0] : undefined);
    return {
        serialHex: readIntegerHex(serial),
        issuerRaw: issuer.raw,
        subjectRaw: subject.raw,
        crlUrls: crlUrls(extensions.get(CRL_DISTRIBUTION_POINTS)),
    };
}

;// CONCATENATED MODULE: ./packages/net/src/signed-data.ts


const HASH_OF_SIGNATURE = {
    '1.2.840.113549.1.1.4': 'md5',
    '1.2.840.113549.1.1.5': 'sha1',
    '1.2.840.113549.1.1.11': 'sha256',
    '1.2.840.113549.1.1.12': 'sha384',
    '1.2.840.113549.1.1.13': 'sha512',
    '1.2.840.10045.4.1': 'sha1',
    '1.2.840.10045.4.3.2': 'sha256',
    '1.2.840.10045.4.3.3': 'sha384',
    '1.2.840.10045.4.3.4': 'sha512',
    '1.3.101.112': null, // Ed25519: no separate hash
    '1.3.101.113': null,
};
/** The OID of an AlgorithmIdentifier. */
const signed_data_algorithmOid = (node) => readOid(children(expectTag(node, Tag.Sequence, 'an algorithm'))[0]);
/**
 * Whether `signature` over `signed` (the raw to-be-signed DER) verifies with `key` under the
 * algorithm named by `oid`. An algorithm this code does not know does not verify.
 */
function signed_data_verifySignature(oid, signed, signature, key) {
    if (!(oid in HASH_OF_SIGNATURE))
        return false;
    try {
        return verify(HASH_OF_SIGNATURE[oid] ?? null, signed, key, signature);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./packages/net/src/crl.ts



/** RFC 5280 CRLReason codes in words (7 is unused). */
const REASONS = (/* unused pure expression or super */ null && ([
    'unspecified',
    'key compromise',
    'CA compromise',
    'affiliation changed',
    'superseded',
    'cessation of operation',
    'certificate hold',
    'reason 7',
    'remove from CRL',
    'privilege withdrawn',
    'AA compromise',
]));
const crl_reasonName = (code) => code === undefined ? 'no reason given' : (REASONS[code] ?? `reason ${code}`);
const REASON_CODE = '2.5.29.21';
const isTime = (node) => node?.tag === Tag.UtcTime || node?.tag === Tag.GeneralizedTime;
function need(node, what) {
    if (!node)
        throw new DerError(`DER: missing ${what}`);
    return node;
}
/** Parses a DER CertificateList (RFC 5280 section 5). Throws DerError on malformed data. */
function crl_parseCrl(der) {
    const [tbsNode, algorithm, signatureNode] = children(expectTag(parseDer(der), Tag.Sequence, 'a CRL'));
    const tbs = expectTag(tbsNode, Tag.Sequence, 'a CRL body');
    const fields = children(tbs);
    let i = fields[0]?.tag === Tag.Integer ? 2 : 1; // optional version, then the signature algorithm
    const issuer = expectTag(fields[i++], Tag.Sequence, 'a CRL issuer');
    const thisUpdate = readTime(need(fields[i++], 'thisUpdate'));
    const next = fields[i];
    const nextUpdate = isTime(next) ? readTime(next) : undefined;
    if (nextUpdate)
        i += 1;
    const revoked = new Map();
    const list = fields[i];
    if (list?.tag === Tag.Sequence) {
        for (const entry of children(list)) {
            const [serial, date, extensions] = children(entry);
            const reason = extensionValues(extensions).get(REASON_CODE);
            revoked.set(readIntegerHex(need(serial, 'a serial number')), {
                revokedAt: readTime(need(date, 'a revocation date')),
                reason: crl_reasonName(reason ? readSmallInteger(parseDer(reason)) : undefined),
            });
        }
    }
    return {
        issuerRaw: issuer.raw,
        thisUpdate,
        ...(nextUpdate ? { nextUpdate } : {}),
        revoked,
        tbs: tbs.raw,
        signatureOid: algorithmOid(algorithm),
        signature: readBitString(need(signatureNode, 'a signature')),
    };
}
/** Why a CRL cannot be trusted for certificates of this issuer, or undefined when it can. */
function crl_crlProblem(crl, issuer, issuerRaw, now) {
    if (!crl.issuerRaw.equals(issuerRaw))
        return 'the CRL is not from the certificate issuer';
    if (!verifySignature(crl.signatureOid, crl.tbs, crl.signature, issuer.publicKey)) {
        return 'the CRL signature does not verify with the issuer key';
    }
    if (crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime()) {
        return `the CRL is out of date (its next update was due ${crl.nextUpdate.toISOString().slice(0, 10)})`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/net/src/ocsp.ts




const BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const RESPONSE_STATUS = (/* unused pure expression or super */ null && ([
    'successful',
    'malformed request',
    'internal error',
    'try later',
    'status 4',
    'signature required',
    'unauthorized',
]));
/** Parses a DER OCSPResponse (RFC 6960) as a TLS server staples it. Throws DerError when it is not one. */
function ocsp_parseOcspResponse(der) {
    const [statusNode, bytes] = children(expectTag(parseDer(der), Tag.Sequence, 'an OCSP response'));
    const status = readSmallInteger(expectTag(statusNode, Tag.Enumerated, 'an OCSP response status'));
    if (status !== 0)
        throw new DerError(`OCSP responder answered: ${RESPONSE_STATUS[status] ?? `status ${status}`}`);
    const [type, octets] = children(expectTag(children(expectTag(bytes, contextTag(0), 'response bytes'))[0], Tag.Sequence, 'response bytes'));
    if (readOid(expectTag(type, Tag.Oid, 'a response type')) !== BASIC)
        throw new DerError('OCSP response is not a basic response');
    const [tbs, algorithm, signatureNode, certsNode] = children(parseDer(expectTag(octets, Tag.OctetString, 'a basic response').value));
    const data = children(expectTag(tbs, Tag.Sequence, 'response data'));
    const responses = data.find((node, index) => index > 0 && node.tag === Tag.Sequence);
    const statuses = new Map();
    let nextUpdate;
    for (const single of responses ? children(responses) : []) {
        const [certId, certStatus, , next] = children(single);
        const serial = readIntegerHex(children(expectTag(certId, Tag.Sequence, 'a certificate id'))[3]);
        if (certStatus?.tag === contextTag(0, false))
            statuses.set(serial, { status: 'good' });
        else if (certStatus?.tag === contextTag(1)) {
            const [time, reason] = children(certStatus);
            const code = reason ? readSmallInteger(children(reason)[0]) : undefined;
            statuses.set(serial, { status: 'revoked', revokedAt: readTime(time), reason: reasonName(code) });
        }
        else
            statuses.set(serial, { status: 'unknown' });
        if (next?.tag === contextTag(0))
            nextUpdate = readTime(children(next)[0]);
    }
    const signatureOid = algorithmOid(algorithm);
    const signature = readBitString(signatureNode);
    const signed = tbs.raw;
    const embedded = certsNode ? children(children(certsNode)[0]).map((c) => new X509Certificate(c.raw)) : [];
    return {
        statusOf: (serialHex) => statuses.get(serialHex),
        signedBy: (issuer) => {
            if (verifySignature(signatureOid, signed, signature, issuer.publicKey))
                return true;
            // a delegated responder: certified by the issuer for OCSP signing
            return embedded.some((responder) => responder.verify(issuer.publicKey) &&
                (responder.keyUsage ?? []).includes(OCSP_SIGNING) &&
                verifySignature(signatureOid, signed, signature, responder.publicKey));
        },
        ...(nextUpdate ? { nextUpdate } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/net/src/revocation.ts





const MAX_CRL_BYTES = (/* unused pure expression or super */ null && (32 * 1024 * 1024));
/** CRLs fetched in this run, by URL: twenty hosts under one CA download its CRL once. */
const crls = new Map();
async function download(url, timeoutMs) {
    let body;
    try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
        if (response.status !== 200)
            throw new Error(`answered ${response.status}`);
        body = Buffer.from(await response.arrayBuffer());
    }
    catch (error) {
        const message = error instanceof Error && /^answered \d+$/.test(error.message) ? error.message : describeNetworkError(error, timeoutMs).message;
        throw new Error(message, { cause: error });
    }
    if (body.length > MAX_CRL_BYTES)
        throw new Error(`is larger than ${MAX_CRL_BYTES / 1024 / 1024} MiB`);
    const pem = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(body.toString('latin1'));
    try {
        return parseCrl(pem ? Buffer.from(pem[1], 'base64') : body);
    }
    catch {
        throw new Error('is not a CRL (DER or PEM)');
    }
}
function fetchCrl(url, timeoutMs) {
    let pending = crls.get(url);
    if (!pending) {
        pending = download(url, timeoutMs);
        crls.set(url, pending);
    }
    return pending;
}
const day = (date) => date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const revoked = (revokedAt, reason, source) => ({
    status: 'revoked',
    detail: `certificate was revoked on ${day(revokedAt)} (reason: ${reason}), says ${source}`,
    revokedAt,
    reason,
});
/**
 * Whether the leaf is revoked, as clients check today: the OCSP response the server
 * stapled when there is one (signed by the issuer), else the CRL of the leaf's CRL
 * Distribution Points (signed by the issuer, fetched once per run).
 */
async function checkRevocation(check) {
    const now = check.now ?? new Date();
    const leaf = readCertificateDer(check.leafRaw);
    const issuer = new X509Certificate(check.issuerRaw);
    const notes = [];
    if (check.stapled && check.stapled.length > 0) {
        try {
            const answer = parseOcspResponse(check.stapled);
            const status = answer.statusOf(leaf.serialHex);
            if (!answer.signedBy(issuer))
                notes.push('the stapled OCSP response is not signed by the issuer');
            else if (answer.nextUpdate && answer.nextUpdate.getTime() < now.getTime())
                notes.push('the stapled OCSP response is out of date');
            else if (status?.status === 'good')
                return { status: 'good', detail: 'not revoked (stapled OCSP response)' };
            else if (status?.status === 'revoked')
                return revoked(status.revokedAt, status.reason, 'the stapled OCSP response');
            else
                notes.push('the stapled OCSP response does not know the certificate');
        }
        catch (error) {
            notes.push(`the stapled OCSP response does not parse (${error.message})`);
        }
    }
    if (leaf.crlUrls.length === 0) {
        return notes.length > 0
            ? { status: 'unknown', detail: `revocation not checked: ${notes.join('; ')}, and the certificate names no CRL` }
            : { status: 'none', detail: 'revocation not checked: the certificate names no CRL and the server staples no OCSP response' };
    }
    const issuerRaw = readCertificateDer(check.issuerRaw);
    for (const url of leaf.crlUrls) {
        let crl;
        try {
            crl = await fetchCrl(url, check.timeoutMs);
        }
        catch (error) {
            notes.push(`CRL ${url} ${error.message}`);
            continue;
        }
        // the leaf's issuer name is the CRL's issuer name; the key is that of the issuer certificate
        const problem = crlProblem(crl, issuer, issuerRaw.subjectRaw, now);
        if (problem) {
            notes.push(`CRL ${url}: ${problem}`);
            continue;
        }
        const entry = crl.revoked.get(leaf.serialHex);
        if (entry)
            return revoked(entry.revokedAt, entry.reason, `CRL ${url}`);
        return { status: 'good', detail: `not revoked (CRL ${url})` };
    }
    return { status: 'unknown', detail: `revocation could not be checked: ${notes.join('; ')}` };
}

;// CONCATENATED MODULE: ./packages/net/src/index.ts













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

;// CONCATENATED MODULE: ./packages/summary/src/result-section.ts

/** '1 URL', '3 URLs'. */
function counted(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
/** A heading with a verdict icon and a count, then one table row per item. */
function resultSection(section) {
    const passed = section.verdicts.filter(Boolean).length;
    const icon = passed === section.verdicts.length ? '✅' : '❌';
    const count = `${passed} of ${counted(section.verdicts.length, section.noun)}`;
    return [
        `### ${icon} ${section.title}: ${count} ${section.passedWord} ${section.detail}`.trimEnd(),
        '',
        markdownTable(section.header, section.rows),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./packages/summary/src/write.ts



/**
 * Appends markdown to the job summary, redacted. Without GITHUB_STEP_SUMMARY (a local run)
 * it is printed instead, line by line through the guarded path, so nothing is lost.
 */
async function writeSummary(markdown) {
    const text = redact(markdown);
    if (!process.env.GITHUB_STEP_SUMMARY) {
        log.lines(text);
        return;
    }
    await lib_core.summary.addRaw(text, true).write();
}

;// CONCATENATED MODULE: ./packages/summary/src/index.ts




;// CONCATENATED MODULE: ./actions/smoke-test/src/inputs.ts


const Input = {
    Urls: 'urls',
    ExpectedStatus: 'expected-status',
    ExpectBody: 'expect-body',
    Headers: 'headers',
    Method: 'method',
    Timeout: 'timeout',
    RequestTimeout: 'request-timeout',
    Interval: 'interval',
    MaxInterval: 'max-interval',
    ConsecutiveSuccesses: 'consecutive-successes',
    FollowRedirects: 'follow-redirects',
    CaCert: 'ca-cert',
    Insecure: 'insecure',
    SecretHeaders: 'secret-headers',
    ForwardHeaders: 'forward-headers',
    FinalStatus: 'final-status',
    BodyLimit: 'body-limit',
    ConnectAddress: 'connect-address',
};
/**
 * Answers that waiting cannot change, so they fail at once instead of at the deadline: a bad
 * request, wrong or missing credentials, a method the URL does not take, a resource gone, a
 * method the server does not implement. 404 is retried (a route may not be served yet during
 * a rollout), and so are 5xx (502, 503, 504 while pods start).
 */
const DEFAULT_FINAL_STATUS = '400,401,403,405,410,501';
/** Header names whose values are credentials by their nature, or by a word in the name. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|key|auth|session|password|signature/i;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Reads and checks every input; throws an InputError naming the first bad one. */
function readInputs(read) {
    const urlLines = parseList(requireInput(read, Input.Urls, 'https://staging.todo.example.com/api/health'));
    if (urlLines.length === 0)
        throw new input_error_InputError(Input.Urls, 'no URL given (only blank or comment lines)', 'https://staging.todo.example.com/api/health');
    const urls = urlLines.map((line) => parseHttpUrl(Input.Urls, line));
    urls.forEach((url, index) => {
        try {
            decodeURIComponent(url.username);
            decodeURIComponent(url.password);
        }
        catch {
            // the URL is not shown: its credentials are what is wrong
            throw new input_error_InputError(Input.Urls, `the credentials of URL ${index + 1} are not valid percent-encoding (write % as %25)`, 'https://user:p%40ss@staging.todo.example.com/');
        }
    });
    const secretNames = new Set(parseList(read(Input.SecretHeaders)).map((name) => name.toLowerCase()));
    const method = parseChoice(Input.Method, read(Input.Method), METHODS, 'GET', (text) => text.toUpperCase());
    const expectBody = parseRegExp(Input.ExpectBody, read(Input.ExpectBody), '"status":\\s*"ok"');
    if (expectBody && method === 'HEAD') {
        throw new input_error_InputError(Input.ExpectBody, 'a HEAD response has no body to match; use method GET', '"status":\\s*"ok"');
    }
    const timeoutMs = parseDuration(Input.Timeout, read(Input.Timeout), 120_000);
    const requestTimeoutMs = parseDuration(Input.RequestTimeout, read(Input.RequestTimeout), 10_000);
    const intervalMs = parseDuration(Input.Interval, read(Input.Interval), 2000);
    const maxIntervalMs = parseDuration(Input.MaxInterval, read(Input.MaxInterval), 30_000);
    for (const [name, value] of [
        [Input.Timeout, timeoutMs],
        [Input.RequestTimeout, requestTimeoutMs],
    ]) {
        if (value <= 0)
            throw new input_error_InputError(name, 'the duration must be longer than zero', '10s');
    }
    if (maxIntervalMs < intervalMs) {
        throw new input_error_InputError(Input.MaxInterval, `${read(Input.MaxInterval)} is shorter than interval ${read(Input.Interval)}`, '30s');
    }
    const finalText = read(Input.FinalStatus).trim();
    const connectAddress = parseConnectAddress(Input.ConnectAddress, read(Input.ConnectAddress));
    return {
        urls,
        expectedStatus: parseStatusCodes(Input.ExpectedStatus, read(Input.ExpectedStatus) || '200-299'),
        finalStatus: finalText === 'none' ? [] : parseStatusCodes(Input.FinalStatus, finalText || DEFAULT_FINAL_STATUS),
        bodyLimit: parseSize(Input.BodyLimit, read(Input.BodyLimit), 1024 * 1024, 1, 64 * 1024 * 1024),
        ...(connectAddress ? { connectAddress } : {}),
        ...(expectBody ? { expectBody } : {}),
        headers: parseList(read(Input.Headers)).map((line) => {
            const { key, value } = parseHeaderLine(Input.Headers, line);
            return { name: key, value, secret: CREDENTIAL_HEADER.test(key) || secretNames.has(key.toLowerCase()) };
        }),
        method,
        timeoutMs,
        requestTimeoutMs,
        intervalMs,
        maxIntervalMs,
        consecutiveSuccesses: parseInteger(Input.ConsecutiveSuccesses, read(Input.ConsecutiveSuccesses), 1, 1, 100),
        followRedirects: parseBoolean(Input.FollowRedirects, read(Input.FollowRedirects), true),
        forwardHeaders: parseBoolean(Input.ForwardHeaders, read(Input.ForwardHeaders), false),
        caCerts: parsePemBundle(Input.CaCert, read(Input.CaCert)),
        insecure: parseBoolean(Input.Insecure, read(Input.Insecure), false),
    };
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/outputs.ts

const outputs = defineOutputs(['result', 'results', 'duration-ms']);

;// CONCATENATED MODULE: ./packages/retry/src/backoff.ts
const DEFAULT_BACKOFF = { initialDelayMs: 2000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 };
/**
 * The wait after attempt number `attempt` (1-based). Jitter only shortens a wait, so the cap
 * and the schedule a user configured are upper bounds. Pure: `random` is in [0, 1).
 */
function backoffDelay(policy, attempt, random) {
    const grown = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
    const capped = Math.min(policy.maxDelayMs, grown);
    return Math.max(0, Math.round(capped * (1 - policy.jitter * random)));
}

;// CONCATENATED MODULE: ./packages/retry/src/retry-until.ts

function abortableSleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
const systemClock = { now: () => Date.now(), sleep: abortableSleep, random: Math.random };
/**
 * Runs `attempt` until it reports done, reports a failure that is not retryable, or the
 * deadline passes. Waits between attempts follow the backoff policy; the last wait is cut
 * short so that one final attempt runs with minAttemptMs left before the deadline.
 */
async function retryUntil(attempt, options) {
    const clock = options.clock ?? systemClock;
    let step = 0;
    for (let count = 1;; count += 1) {
        const outcome = await attempt({ attempt: count, remainingMs: Math.max(0, options.deadline - clock.now()) });
        if (outcome.done)
            return { ok: true, value: outcome.value, attempts: count, reason: 'done' };
        if (!outcome.retryable)
            return { ok: false, value: outcome.value, attempts: count, reason: 'not-retryable' };
        if (options.signal?.aborted)
            return { ok: false, value: outcome.value, attempts: count, reason: 'aborted' };
        const room = options.deadline - clock.now() - (options.minAttemptMs ?? 0);
        if (room <= 0)
            return { ok: false, value: outcome.value, attempts: count, reason: 'deadline' };
        step = outcome.resetBackoff ? 1 : step + 1;
        await clock.sleep(Math.min(room, backoffDelay(options.policy, step, clock.random())), options.signal);
        if (options.signal?.aborted)
            return { ok: false, value: outcome.value, attempts: count, reason: 'aborted' };
    }
}

;// CONCATENATED MODULE: ./packages/retry/src/index.ts



;// CONCATENATED MODULE: ./actions/smoke-test/src/evaluate.ts

/**
 * Judges one attempt's response against the expectations. A status in `final` that is not
 * expected ends the probing (waiting cannot change it); a body mismatch is retried, since a
 * rollout half done may still serve the old body. Pure.
 */
function evaluateAttempt(attempt, expected, expectBody, final = []) {
    if (attempt.failure) {
        return { ok: false, retryable: attempt.failure.retryable, reason: attempt.failure.message };
    }
    const status = attempt.status;
    if (!statusMatches(expected, status)) {
        const isFinal = statusMatches(final, status);
        return {
            ok: false,
            retryable: !isFinal,
            reason: `status ${status} (expected ${formatStatusRanges(expected)}${isFinal ? '; a final answer, see final-status' : ''})`,
        };
    }
    if (expectBody && !expectBody.test(attempt.body ?? '')) {
        return { ok: false, retryable: true, reason: `status ${status} but the body does not match /${expectBody.source}/` };
    }
    return { ok: true, retryable: true };
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/targets.ts

/**
 * Masks the secret header values and every URL credential (with derived forms) and turns
 * credentials in a URL into an Authorization header, since HTTP clients send none from the
 * URL itself. Other header values stay readable.
 */
function prepareTargets(inputs) {
    const common = {};
    for (const { name, value, secret } of inputs.headers) {
        common[name.toLowerCase()] = value;
        if (!secret)
            continue;
        maskSecret(value);
        const credential = /^\S+\s+(\S{4,})$/.exec(value)?.[1];
        if (credential) {
            maskSecret(credential);
            if (/^basic$/i.test(value.split(/\s/)[0] ?? ''))
                maskBasic(credential);
        }
    }
    return inputs.urls.map((url) => {
        maskUrlCredentials(url);
        const headers = { ...common };
        if ((url.username !== '' || url.password !== '') && headers.authorization === undefined) {
            const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
            const encoded = Buffer.from(pair).toString('base64');
            maskSecret(encoded);
            headers.authorization = `Basic ${encoded}`;
        }
        const bare = new URL(url.href);
        bare.username = '';
        bare.password = '';
        return { url: bare, shown: displayUrl(url), headers };
    });
}
/** todo-deploy-smoke-test/<the ref the workflow uses, such as v1> (+<the action's repository>). */
function userAgent(env) {
    const ref = /^[\w.-]{1,64}$/.test(env.GITHUB_ACTION_REF ?? '') ? env.GITHUB_ACTION_REF : 'dev';
    const repo = /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_ACTION_REPOSITORY ?? '') ? env.GITHUB_ACTION_REPOSITORY : 'todo-deploy';
    return `todo-deploy-smoke-test/${ref} (+https://github.com/${repo})`;
}
function maskBasic(encoded) {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    maskSecret(decoded);
    const at = decoded.indexOf(':');
    if (at > 0) {
        maskSecret(decoded.slice(at + 1));
    }
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/probe.ts




/**
 * Probes one URL until `consecutiveSuccesses` attempts in a row pass, a certificate error
 * makes retrying pointless, or the shared deadline passes.
 */
async function probeUrl(target, inputs, deadline, ca) {
    const started = Date.now();
    const policy = { initialDelayMs: inputs.intervalMs, maxDelayMs: inputs.maxIntervalMs, factor: 2, jitter: 0.1 };
    let progress = { status: null, streak: 0 };
    const result = await retryUntil(async ({ remainingMs }) => {
        const options = {
            url: target.url,
            method: inputs.method,
            headers: target.headers,
            timeoutMs: Math.max(1, Math.min(inputs.requestTimeoutMs, remainingMs || 1)),
            followRedirects: inputs.followRedirects,
            forwardHeaders: inputs.forwardHeaders,
            maxBodyBytes: inputs.bodyLimit,
            // servers and WAFs log the agent, and some refuse an empty one; a User-Agent header of the user's wins
            userAgent: userAgent(process.env),
            ...(inputs.connectAddress ? { connectAddress: inputs.connectAddress } : {}),
            insecure: inputs.insecure,
            ...(ca ? { ca } : {}),
        };
        const attempt = await httpAttempt(options);
        const verdict = evaluateAttempt(attempt, inputs.expectedStatus, inputs.expectBody, inputs.finalStatus);
        const streak = verdict.ok ? progress.streak + 1 : 0;
        progress = { status: attempt.status ?? null, streak, ...(verdict.reason ? { reason: verdict.reason } : {}) };
        if (verdict.ok && streak >= inputs.consecutiveSuccesses)
            return { done: true, value: progress };
        return { done: false, value: progress, retryable: verdict.retryable, resetBackoff: verdict.ok };
    }, { deadline, policy, minAttemptMs: Math.min(inputs.requestTimeoutMs, 1000) });
    const last = result.value;
    let error = null;
    if (!result.ok) {
        const tries = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
        error =
            last.reason === undefined
                ? `only ${last.streak} of ${inputs.consecutiveSuccesses} successes in a row before the deadline (${tries})`
                : result.reason === 'not-retryable'
                    ? `${last.reason} (not retried)`
                    : `${last.reason} after ${tries}`;
    }
    return { url: target.shown, ok: result.ok, status: last.status, attempts: result.attempts, 'duration-ms': Date.now() - started, error };
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/report.ts


function summaryMarkdown(results, durationMs) {
    return resultSection({
        title: 'Smoke test',
        verdicts: results.map((r) => r.ok),
        noun: 'URL',
        passedWord: 'healthy',
        detail: `in ${formatDuration(durationMs)}`,
        header: ['URL', 'Verdict', 'Status', 'Attempts', 'Time', 'Reason'],
        rows: results.map((r) => [
            r.url,
            r.ok ? '✅ healthy' : '❌ failed',
            r.status === null ? '—' : String(r.status),
            String(r.attempts),
            formatDuration(r['duration-ms']),
            r.error ?? '',
        ]),
    });
}
/** One line naming each failing URL and its cause. */
function failureMessage(results) {
    const failed = results.filter((r) => !r.ok);
    const detail = failed.map((r) => `${r.url}: ${r.error}`).join('; ');
    return `${failed.length} of ${counted(results.length, 'URL')} unhealthy: ${detail}`;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/main.ts









async function run() {
    try {
        const inputs = readInputs(envReader());
        const targets = prepareTargets(inputs);
        if (inputs.insecure)
            log.warning('insecure is true: TLS certificates are not verified, so a wrong or expired certificate will pass.');
        const started = Date.now();
        const deadline = started + inputs.timeoutMs;
        log.info(`Probing ${targets.length} URL${targets.length === 1 ? '' : 's'} with ${inputs.method} until healthy or ${formatDuration(inputs.timeoutMs)} pass`);
        const ca = trustedRoots(inputs.caCerts);
        const results = await Promise.all(targets.map((target) => probeUrl(target, inputs, deadline, ca)));
        const durationMs = Date.now() - started;
        for (const r of results) {
            log.info(`${r.ok ? '✓' : '✗'} ${r.url}: ${r.ok ? `status ${r.status}` : r.error} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, ${formatDuration(r['duration-ms'])})`);
        }
        const ok = results.every((r) => r.ok);
        outputs.set({ result: ok ? 'success' : 'failure', results: JSON.stringify(results), 'duration-ms': String(durationMs) });
        await writeSummary(summaryMarkdown(results, durationMs));
        if (!ok)
            fail(failureMessage(results));
    }
    catch (error) {
        // a bad input or a fault before any result: the outputs still say it failed
        outputs.set({ result: 'failure', results: '[]', 'duration-ms': '0' });
        fail(reasonOf(error));
    }
}


/***/ })

};
