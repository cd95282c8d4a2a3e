export const id = 546;
export const ids = [546];
export const modules = {

/***/ 9546:
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
var core = __webpack_require__(6421);
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
function mask_maskSecret(secret, register = core.setSecret) {
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
    info: (text) => core.info(clean(text)),
    /** Shown on a runner with debug logging on; nothing in a local terminal, where ::debug:: is noise. */
    debug: (text) => {
        if (process.env.GITHUB_ACTIONS === 'true')
            core.debug(clean(text));
    },
    notice: (text) => core.notice(clean(text)),
    warning: (text) => core.warning(clean(text)),
    error: (text) => core.error(clean(text)),
    /** A log group with a safe title. */
    startGroup: (title) => core.startGroup(clean(title)),
    endGroup: () => core.endGroup(),
    /** Several lines from outside, each made safe on its own. */
    lines(text) {
        for (const line of safeLines(redact(text)))
            core.info(line);
    },
};
/** Fails the step with one safe line (exit code 1 when the process ends). */
function fail(message) {
    core.setFailed(clean(message));
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
                core.setOutput(name, redact(values[name]));
        },
        /** Sets some outputs (the result of a run that failed before it had the others). */
        setSome(values) {
            for (const name of names)
                if (values[name] !== undefined)
                    core.setOutput(name, redact(values[name]));
        },
    };
}

// EXTERNAL MODULE: ./packages/runtime/src/state.ts
var state = __webpack_require__(7649);
// EXTERNAL MODULE: ./packages/runtime/src/private-folder.ts
var private_folder = __webpack_require__(3108);
;// CONCATENATED MODULE: ./packages/runtime/src/main-state.ts


/** The state of main: saved through the runner's state file, readable back in the same step. */
function mainState(schema) {
    return new state/* ActionState */.qy(schema, process.env, (name, value) => core.saveState(name, value));
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
            throw new InputError(input, 'a duration is required', '2m');
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
            throw new InputError(input, `'${text}' is not a duration: use a number with a unit of ms, s, m or h, or plain seconds`, '1m30s');
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
        throw new InputError(input, `'${text}' is not a whole number from ${min} to ${max}`, String(fallback));
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
    await core.summary.addRaw(text, true).write();
}

;// CONCATENATED MODULE: ./packages/summary/src/index.ts




;// CONCATENATED MODULE: ./actions/build-images/src/builder.ts
const SETUP = 'add docker/setup-buildx-action before this step (a docker-container builder) or point buildx at a BuildKit (driver remote)';
/**
 * Which builder builds, from the `builder` input and the probe of the current buildx builder.
 * Pure. The plain `docker` driver builds in the Docker daemon's own BuildKit, which cannot
 * export a cache or attestations: with those asked for (on a push), auto takes buildah and
 * `builder: buildkit` fails before anything is built, saying how to get a builder that can.
 */
function chooseBuilder(choice, probe, wants) {
    const decision = decide(choice, probe, wants);
    // what only BuildKit can do (a gha cache): auto must not fall back to buildah without it
    if (wants.buildkitOnly && 'builder' in decision && decision.builder === 'buildah')
        return { error: `${wants.buildkitOnly} needs BuildKit, and ${decision.why}: ${SETUP}` };
    return decision;
}
function decide(choice, probe, wants) {
    if (choice === 'buildah')
        return { builder: 'buildah', why: 'builder: buildah' };
    if (!probe?.answered) {
        const reason = probe && !probe.answered ? probe.reason : 'not asked';
        if (choice === 'buildkit')
            return { error: `builder: buildkit, but no buildx builder answers (${reason}): ${SETUP}, or use builder: buildah` };
        return { builder: 'buildah', why: `no buildx builder answers (${reason})` };
    }
    if (probe.driver === 'docker' && wants.exports.length > 0) {
        const what = wants.exports.join(', ');
        if (choice === 'buildkit')
            return {
                error: `builder: buildkit, but the current buildx builder '${probe.name}' uses the docker driver, which cannot export ${what}: ${SETUP}, or turn ${what} off`,
            };
        return { builder: 'buildah', why: `the buildx builder '${probe.name}' uses the docker driver, which cannot export ${what}` };
    }
    return { builder: 'buildkit', why: `buildx builder '${probe.name}' (driver ${probe.driver})` };
}
/** The exports a build asks of BuildKit: only a push writes a cache or attaches attestations. Pure. */
function exportsWanted(options) {
    if (!options.push)
        return [];
    return [...(options.cache ? ['a cache'] : []), ...(options.provenance ? ['provenance'] : []), ...(options.sbom ? ['an SBOM'] : [])];
}
/**
 * Reads `docker buildx inspect --bootstrap` text: the builder's name and driver when it runs.
 * buildx exits 0 for a builder it cannot reach (no Docker daemon behind the default builder)
 * and says so on an `Error:` line, with an empty driver. Pure.
 */
function parseInspect(text) {
    const field = (key) => new RegExp(`^${key}:[ \\t]*(\\S[^\\n]*)$`, 'm').exec(text)?.[1]?.trim();
    const error = field('Error');
    if (error)
        return { answered: false, reason: error };
    const name = field('Name');
    const driver = field('Driver');
    const status = field('Status');
    if (!name || !driver)
        return { answered: false, reason: 'buildx names no builder and driver' };
    if (status !== undefined && status !== 'running')
        return { answered: false, reason: `builder '${name}' is ${status}` };
    return { answered: true, name, driver };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./packages/process/src/tool-missing.ts
/** A program that is not installed (spawn gave ENOENT), named, with how to get it. */
class ToolMissingError extends Error {
    tool;
    constructor(tool, hint, cause) {
        super(`${tool} is not on PATH: ${hint ?? 'install it in an earlier step'}`, cause === undefined ? undefined : { cause });
        this.tool = tool;
        this.name = 'ToolMissingError';
    }
}

;// CONCATENATED MODULE: ./packages/process/src/run-process.ts





/**
 * Runs argv[0] with the rest as arguments, never through a shell. Printed output goes line by
 * line through the guarded text path, so nothing a tool prints becomes a workflow command.
 * Rejects with ToolMissingError when the program does not exist; any exit code resolves.
 */
async function runProcess(argv, options = {}) {
    const [command, ...args] = argv;
    if (command === undefined)
        throw new Error('runProcess: empty argv');
    const started = Date.now();
    const print = options.group !== undefined || (options.stream !== undefined && options.stream !== false);
    const out = options.group === undefined && options.stream === 'stderr' ? process.stderr : process.stdout;
    if (options.group !== undefined)
        core.startGroup(options.group);
    // the arguments can hold values: the boundary is logged by program and count only
    log.debug(`run: ${command} (${args.length} arguments)`);
    try {
        const result = await new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.spawn)(command, args, {
                cwd: options.cwd,
                env: options.env ?? process.env,
                stdio: ['pipe', 'pipe', 'pipe'],
            });
            let stdout = '';
            let stderr = '';
            let timedOut = false;
            let killTimer;
            const stop = () => {
                timedOut = true;
                child.kill('SIGTERM');
                killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
            };
            const timer = options.timeoutMs !== undefined ? setTimeout(stop, options.timeoutMs) : undefined;
            options.signal?.addEventListener('abort', stop, { once: true });
            const lines = { out: lineSplitter(), err: lineSplitter() };
            const show = (printed) => {
                for (const line of printed)
                    out.write(`${options.redact ? options.redact(line) : line}\n`);
            };
            child.stdout.setEncoding('utf8').on('data', (chunk) => {
                stdout += chunk;
                if (print)
                    show(lines.out.push(chunk));
            });
            child.stderr.setEncoding('utf8').on('data', (chunk) => {
                stderr += chunk;
                if (print)
                    show(lines.err.push(chunk));
            });
            child.on('error', (error) => {
                clearTimeout(timer);
                reject(error.code === 'ENOENT'
                    ? new ToolMissingError(command, options.installHint, error)
                    : new Error(`Could not start '${command}': ${error.message}`, { cause: error }));
            });
            child.on('close', (exitCode, signal) => {
                clearTimeout(timer);
                clearTimeout(killTimer);
                options.signal?.removeEventListener('abort', stop);
                if (print)
                    show([...lines.out.end(), ...lines.err.end()]);
                resolve({ argv, exitCode, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
            });
            child.stdin.on('error', () => undefined);
            child.stdin.end(options.input ?? '');
        });
        log.debug(`run: ${command} ${exitText(result)} after ${result.durationMs} ms`);
        return result;
    }
    finally {
        if (options.group !== undefined)
            core.endGroup();
    }
}
/** Why a run failed, in words: the exit code, the signal or the timeout. */
function exitText(result) {
    if (result.timedOut)
        return 'timed out';
    if (result.signal)
        return `was stopped by ${result.signal}`;
    return `exited with ${result.exitCode}`;
}
/** A run that ended with a non-zero exit, a signal or a timeout; the message ends with the output's last lines. */
class ProcessError extends Error {
    result;
    constructor(result) {
        const tail = (result.stderr || result.stdout).trim().split('\n').slice(-20).join('\n');
        super(`${result.argv.join(' ')} ${exitText(result)}${tail ? `:\n${tail}` : ''}`);
        this.result = result;
        this.name = 'ProcessError';
    }
}
/** Like runProcess, but rejects with a ProcessError unless the program exits 0. */
async function runChecked(argv, options = {}) {
    const result = await runProcess(argv, options);
    if (result.exitCode !== 0)
        throw new ProcessError(result);
    return result;
}
/** Whether a program can be started at all (installed and executable), whatever it exits with. */
async function canRun(argv) {
    try {
        await runProcess(argv, { timeoutMs: 20_000 });
        return true;
    }
    catch {
        return false;
    }
}
/** The last non-empty line of a process's error output, for one-line failure messages. */
function lastErrorLine(result) {
    const lines = `${result.stderr}\n${result.stdout}`
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    const errorLine = [...lines].reverse().find((l) => /^error:|^Error:/i.test(l));
    return errorLine ?? lines.at(-1) ?? '';
}

;// CONCATENATED MODULE: ./packages/process/src/index.ts



;// CONCATENATED MODULE: ./actions/build-images/src/buildah.ts




/** buildah's last error line without the repeated 'Error: pushing image "x" to "y": ' lead. */
function buildahCause(result) {
    const line = lastErrorLine(result).replace(/^Error:\s*/i, '');
    const cause = line.replace(/^pushing image "[^"]*" to "[^"]*":\s*/i, '');
    return redact(cause || `exit ${result.exitCode}`);
}
/** Whether this buildah retries pushes by itself (--retry, from 1.28 on); `buildah --version` text in. Pure. */
function retriesOnItsOwn(versionText) {
    const version = /version (\d+\.\d+\.\d+)/.exec(versionText)?.[1];
    return version !== undefined && semver_default().gte(version, '1.28.0');
}
/** Why this buildah cannot keep a layer cache in the registry (--cache-from/--cache-to came in 1.27), or undefined when it can. Pure. */
function cacheUnsupported(versionText) {
    const version = /version (\d+\.\d+\.\d+)/.exec(versionText)?.[1];
    if (version !== undefined && semver_default().gte(version, '1.27.0'))
        return undefined;
    return `cache: true needs buildah 1.27 or later (--cache-from, --cache-to); this runner has ${version ?? 'a buildah whose version could not be read'}: install a newer buildah or set cache: false`;
}
/** buildah through argv arrays. Builds stream their output into a log group; values are redacted. */
class Buildah {
    binary;
    constructor(binary = 'buildah') {
        this.binary = binary;
    }
    run(args, options = {}) {
        return runProcess([this.binary, ...args], {
            redact: redact,
            installHint: "GitHub's Ubuntu runners have it; elsewhere install it (apt-get install buildah)",
            ...options,
        });
    }
    async version() {
        const result = await this.run(['--version']);
        if (result.exitCode !== 0)
            throw new Error(`buildah --version failed: ${buildahCause(result)}`);
        return result.stdout.trim();
    }
    async login(argv, password) {
        const result = await this.run(argv, { input: password });
        if (result.exitCode !== 0)
            throw new Error(`Could not log in to ${argv.at(-1)}: ${buildahCause(result)}`);
    }
    /** Builds one image and resolves with buildah's output; the error names the cause from it. */
    async build(argv, title) {
        const result = await this.run(argv, { group: title });
        if (result.exitCode !== 0)
            throw new Error(`build failed: ${buildahCause(result)}`);
        return result.stdout;
    }
    /** Pushes one ref; resolves with the digest or rejects with buildah's cause. */
    async push(argv, digestFile) {
        const result = await this.run(argv);
        if (result.exitCode !== 0)
            throw new Error(buildahCause(result));
        return (0,external_node_fs_.readFileSync)(digestFile, 'utf8').trim();
    }
}

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



;// CONCATENATED MODULE: ./actions/build-images/src/push-failure.ts
// Which push failures may pass on their own (a busy or briefly unreachable registry), and the
// bounded retry both builders run them under.

const ATTEMPTS = 3;
const BACKOFF = { initialDelayMs: 2000, maxDelayMs: 10_000, factor: 2, jitter: 0.2 };
/**
 * Runs `run` (given the attempt number) up to three times, 2 to 10 s apart, while it fails with a
 * message `transient` says may pass (`onRetry` is told each one); resolves with its value, or with
 * the last failure's message and the number of attempts.
 */
function retryTransient(run, transient, onRetry, deadlineMs) {
    return retryUntil(async ({ attempt }) => {
        try {
            return { done: true, value: await run(attempt) };
        }
        catch (error) {
            const message = error.message;
            const retryable = attempt < ATTEMPTS && transient(message);
            if (retryable)
                onRetry(message);
            return { done: false, value: message, retryable };
        }
    }, { deadline: Date.now() + deadlineMs, policy: BACKOFF });
}
/** Whether a push failure may pass on its own (network, a busy registry), so that it is worth retrying. Pure. */
function transientPushFailure(cause) {
    if (/unauthorized|denied|forbidden|not known|manifest invalid|name invalid|authentication required/i.test(cause))
        return false;
    return /connection refused|connection reset|i\/o timeout|timeout|EOF|TLS handshake|no such host|50[0234]|too many requests|429|temporar/i.test(cause);
}
/**
 * Whether a failed bake failed reaching a registry (pushing, exporting the cache, resolving an
 * image) in a way that may pass on its own (429, a 5xx, a refused or reset connection, a timeout,
 * a failed lookup), not building: then it is worth another try. Pure.
 */
function transientBakeFailure(message) {
    return (/push|export|failed to do request|unexpected status|failed to (copy|fetch|commit|authorize)/i.test(message) &&
        transientPushFailure(message));
}

;// CONCATENATED MODULE: ./actions/build-images/src/plan.ts
/** The repository of a service's layer cache: beside its image, never shared with another service. */
const cacheRepositoryOf = (image) => `${image}-buildcache`;
/**
 * The OCI annotations of an image (image-spec's pre-defined keys), as labels: the service,
 * the commit, the version (the release tag, else sha-<short>), where the source lives, and
 * when it was built (RFC 3339). Pure.
 */
function ociLabels(service, inputs, tags, created) {
    const release = tags.tags.find((t) => /^v\d/.test(t));
    return {
        'org.opencontainers.image.title': service,
        'org.opencontainers.image.revision': inputs.sha,
        'org.opencontainers.image.version': release ?? tags.immutable,
        ...(inputs.source ? { 'org.opencontainers.image.source': inputs.source } : {}),
        'org.opencontainers.image.created': created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
}
/**
 * When the images were built: SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention)
 * when set, else now. A SOURCE_DATE_EPOCH that is not a whole number of seconds fails, naming it.
 */
function buildTime(env, now = new Date()) {
    const epoch = env.SOURCE_DATE_EPOCH?.trim();
    if (!epoch)
        return now;
    if (!/^\d{1,12}$/.test(epoch))
        throw new Error(`SOURCE_DATE_EPOCH '${epoch}' is not a whole number of seconds since 1970`);
    return new Date(Number(epoch) * 1000);
}
/** The image name and the buildah bud (build) command of each service. Pure. */
function planImages(inputs, tags, options) {
    return inputs.services.map((service) => {
        const image = `${inputs.registry}/${inputs.repository}/${service.name}`;
        const refs = tags.tags.map((tag) => `${image}:${tag}`);
        const cacheRepository = inputs.cache && inputs.cacheBackend === 'registry' ? cacheRepositoryOf(image) : undefined;
        const cacheArgv = cacheRepository
            ? [
                '--layers',
                '--cache-from',
                cacheRepository,
                // a build that is not pushed (a pull request) reads the cache but writes nothing
                ...(inputs.push ? ['--cache-to', cacheRepository] : []),
                ...(inputs.tlsVerify ? [] : ['--tls-verify=false']),
                ...(options.authFile ? ['--authfile', options.authFile] : []),
            ]
            : [];
        const buildArgv = [
            // `bud`, not its newer alias `build`: every buildah has it (Ubuntu 22.04 runners ship 1.23)
            'bud',
            '--file',
            service.dockerfile,
            ...refs.flatMap((ref) => ['--tag', ref]),
            ...inputs.buildArgs.flatMap(({ key, value }) => ['--build-arg', `${key}=${value}`]),
            ...Object.entries(ociLabels(service.name, inputs, tags, options.created)).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
            ...cacheArgv,
            service.context,
        ];
        return { service, image, refs, ...(cacheRepository ? { cacheRepository } : {}), buildArgv };
    });
}
/**
 * `buildah push` of one ref to the registry, recording the manifest digest. Turns buildah's
 * own retries off (buildah >= 1.28 retries by itself), so that the action's attempts are
 * the only ones and its message counts them right. Pure.
 */
function pushArgv(ref, digestFile, options) {
    return [
        'push',
        ...(options.noOwnRetries ? ['--retry', '0'] : []),
        ...(options.tlsVerify ? [] : ['--tls-verify=false']),
        ...(options.authFile ? ['--authfile', options.authFile] : []),
        '--digestfile',
        digestFile,
        ref,
        `docker://${ref}`,
    ];
}
/** `buildah login` reading the password from standard input. Pure. */
function loginArgv(registry, username, authFile, tlsVerify) {
    return [
        'login',
        '--authfile',
        authFile,
        ...(tlsVerify ? [] : ['--tls-verify=false']),
        '--username',
        username,
        '--password-stdin',
        registry,
    ];
}
/**
 * The layers a build took from a cache, from buildah's output: "--> Using cache <id>" (this
 * runner's storage) and "--> Cache pulled from remote <repository>:<key>" (the registry). Pure.
 */
function cacheHits(output) {
    const count = (pattern) => (output.match(pattern) ?? []).length;
    return { local: count(/^--> Using cache /gm), remote: count(/^--> Cache pulled from remote /gm) };
}

;// CONCATENATED MODULE: ./actions/build-images/src/attestations.ts
const parsed = (body) => {
    try {
        const json = JSON.parse(body.toString());
        return json && typeof json === 'object' ? json : undefined;
    }
    catch {
        return undefined;
    }
};
/** The image and attestation manifests of an index; undefined when the body is not an index. Pure. */
function indexEntries(body) {
    const manifests = parsed(body)?.manifests;
    if (!Array.isArray(manifests))
        return undefined;
    const entries = { images: [], attestations: [] };
    for (const m of manifests) {
        if (typeof m?.digest !== 'string')
            continue;
        if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
            entries.attestations.push(m.digest);
        else
            entries.images.push(m.digest);
    }
    return entries;
}
const PREDICATES = {
    'https://slsa.dev/provenance/v1': 'SLSA provenance v1',
    'https://slsa.dev/provenance/v0.2': 'SLSA provenance v0.2',
    'https://spdx.dev/Document': 'SPDX SBOM',
};
/** The predicate types an attestation manifest carries (in-toto.io/predicate-type of its layers), named for people. Pure. */
function attestationKinds(body) {
    const layers = parsed(body)?.layers;
    if (!Array.isArray(layers))
        return [];
    return layers
        .map((l) => l?.annotations?.['in-toto.io/predicate-type'])
        .filter((t) => typeof t === 'string')
        .map((t) => PREDICATES[t] ?? t);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./actions/build-images/src/registry-auth.ts
/**
 * Parses a registry's `WWW-Authenticate` header (Docker's token authentication: `Bearer
 * realm="...",service="...",scope="..."`, or `Basic realm="..."`). Undefined for anything else. Pure.
 */
function parseChallenge(header) {
    const match = /^\s*(basic|bearer)\b\s*(.*)$/i.exec(header ?? '');
    if (!match)
        return undefined;
    const scheme = (match[1] ?? '').toLowerCase();
    const params = {};
    for (const p of (match[2] ?? '').matchAll(/([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/gi))
        params[(p[1] ?? '').toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
    return {
        scheme,
        ...(params.realm ? { realm: params.realm } : {}),
        ...(params.service ? { service: params.service } : {}),
        ...(params.scope ? { scope: params.scope } : {}),
    };
}
/** The token endpoint URL for a repository's pull and push scope. Pure. */
function tokenUrl(challenge, repository) {
    if (!challenge.realm)
        throw new Error('the registry asked for a bearer token without naming its realm');
    const url = new URL(challenge.realm);
    if (challenge.service)
        url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', `repository:${repository}:pull,push`);
    return url.toString();
}

;// CONCATENATED MODULE: ./actions/build-images/src/registry.ts





/** Every manifest kind a tag can point at: promoting copies whichever it is, byte for byte. */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json',
];
class ManifestNotFound extends Error {
}
/**
 * What pulling an image moves: its config and its (compressed) layers, from its manifest.
 * An index (several platforms) has no one size: undefined, as for a body that is not a manifest. Pure.
 */
function manifestSize(body) {
    let manifest;
    try {
        manifest = JSON.parse(body.toString());
    }
    catch {
        return undefined;
    }
    const { config, layers } = (manifest ?? {});
    const sizes = [config?.size, ...(Array.isArray(layers) ? layers.map((l) => l?.size) : [undefined])];
    if (!sizes.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0))
        return undefined;
    return sizes.reduce((a, b) => a + b, 0);
}
/** The options of the registry the action's inputs name (host, TLS, credentials), plus any of the rest. Pure. */
function registryOptions(inputs, more = {}) {
    return {
        registry: inputs.registry,
        tlsVerify: inputs.tlsVerify,
        ...(inputs.credentials ? { credentials: inputs.credentials } : {}),
        ...more,
    };
}
const RETRY_BACKOFF = { initialDelayMs: 1000, maxDelayMs: 8000, factor: 2, jitter: 0.2 };
/** A registry answer worth another try: rate limited (429) or a server error. */
function retryableStatus(status) {
    return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}
/**
 * The calls of the OCI distribution API that promotion and reuse need (GET and PUT of a
 * manifest, GET and upload of a blob), with the registry's own authentication (Basic, or Docker's bearer-token flow).
 * tls-verify false: HTTPS without verifying, then plain HTTP when the registry does not speak
 * TLS, as buildah does for an insecure registry.
 */
class Registry {
    options;
    scheme = 'https';
    dispatcher;
    /** Per repository: a registry's bearer token is scoped to one (Basic is the same for all). */
    authorizations = new Map();
    constructor(options) {
        this.options = options;
        this.dispatcher = new undici/* Agent */.g6({
            connect: { rejectUnauthorized: options.tlsVerify, timeout: options.timeoutMs ?? 30_000 },
            headersTimeout: options.timeoutMs ?? 30_000,
            bodyTimeout: options.timeoutMs ?? 30_000,
        });
    }
    async close() {
        await this.dispatcher.close();
    }
    async getManifest(repository, reference) {
        const response = await this.call(repository, 'GET', `/v2/${repository}/manifests/${reference}`, {
            accept: MANIFEST_TYPES.join(', '),
        });
        const body = Buffer.from(await response.body.arrayBuffer());
        if (response.statusCode === 404)
            throw new ManifestNotFound(`${this.options.registry}/${repository}:${reference} does not exist`);
        if (response.statusCode !== 200)
            throw new Error(`GET ${repository}:${reference} answered ${response.statusCode}`);
        const mediaType = String(response.headers['content-type'] ?? '')
            .split(';')[0]
            ?.trim() ?? '';
        const digest = String(response.headers['docker-content-digest'] ?? '');
        return { body, mediaType, digest };
    }
    /**
     * The digest a tag points at, from a HEAD (Docker Hub counts a GET of a manifest as a pull
     * against its rate limit, a HEAD not).
     */
    async manifestDigest(repository, reference) {
        const response = await this.call(repository, 'HEAD', `/v2/${repository}/manifests/${reference}`, {
            accept: MANIFEST_TYPES.join(', '),
        });
        await response.body.dump();
        if (response.statusCode === 404)
            throw new ManifestNotFound(`${this.options.registry}/${repository}:${reference} does not exist`);
        const digest = String(response.headers['docker-content-digest'] ?? '');
        if (response.statusCode !== 200 || !digest)
            throw new Error(`HEAD ${repository}:${reference} answered ${response.statusCode}${digest ? '' : ' without a digest'}`);
        return digest;
    }
    /** Puts the manifest under a tag; resolves with the digest the registry computed. */
    async putManifest(repository, tag, manifest) {
        const response = await this.call(repository, 'PUT', `/v2/${repository}/manifests/${tag}`, { 'content-type': manifest.mediaType }, manifest.body);
        const text = await response.body.text();
        if (response.statusCode !== 201 && response.statusCode !== 200)
            throw new Error(`PUT ${repository}:${tag} answered ${response.statusCode}${errorCode(text)}`);
        return String(response.headers['docker-content-digest'] ?? '');
    }
    /**
     * A blob's bytes (an image config), checked against its digest. A registry that keeps blobs
     * elsewhere answers with a redirect: that one is followed without the registry's credentials.
     */
    async getBlob(repository, digest) {
        let response = await this.call(repository, 'GET', `/v2/${repository}/blobs/${digest}`, {});
        const location = response.headers.location;
        if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
            await response.body.dump();
            response = await (0,undici/* request */.Em)(new URL(location, `${this.scheme}://${this.options.registry}`).toString(), { dispatcher: this.dispatcher });
        }
        const body = Buffer.from(await response.body.arrayBuffer());
        if (response.statusCode !== 200)
            throw new Error(`GET ${repository} blob ${digest} answered ${response.statusCode}`);
        if (sha256(body) !== digest)
            throw new Error(`${repository} blob ${digest} came back with other content`);
        return body;
    }
    /** Uploads a blob (POST, then one PUT of all of it) unless the repository has it; resolves with its digest. */
    async putBlob(repository, body) {
        const digest = sha256(body);
        const head = await this.call(repository, 'HEAD', `/v2/${repository}/blobs/${digest}`, {});
        await head.body.dump();
        if (head.statusCode === 200)
            return digest;
        const started = await this.call(repository, 'POST', `/v2/${repository}/blobs/uploads/`, {});
        await started.body.dump();
        const location = started.headers.location;
        if (started.statusCode !== 202 || typeof location !== 'string')
            throw new Error(`POST ${repository} blob upload answered ${started.statusCode}`);
        const url = new URL(location, `${this.scheme}://${this.options.registry}`);
        if (url.host !== this.options.registry)
            throw new Error(`${this.options.registry} moved the upload to another host (${url.host})`);
        url.searchParams.set('digest', digest);
        const put = await this.call(repository, 'PUT', `${url.pathname}${url.search}`, { 'content-type': 'application/octet-stream' }, body);
        const text = await put.body.text();
        if (put.statusCode !== 201)
            throw new Error(`PUT ${repository} blob ${digest} answered ${put.statusCode}${errorCode(text)}`);
        return digest;
    }
    /**
     * Puts one manifest under every tag, in order; resolves with its digest. Each answer must
     * give the same digest (the manifest's own when it has one), or it fails naming the tag.
     */
    async putManifestTags(repository, tags, manifest, onTagged = () => { }) {
        let expected = manifest.digest;
        for (const tag of tags) {
            const digest = await this.putManifest(repository, tag, manifest);
            if (expected && digest && digest !== expected)
                throw new Error(`${this.options.registry}/${repository}:${tag} got digest ${digest}, not ${expected}`);
            expected ||= digest;
            onTagged(tag, expected);
        }
        return expected;
    }
    /** One call with retries on 429 and 5xx (the body is a Buffer, so it can be sent again). */
    async call(repository, method, path, headers, body) {
        const attempts = this.options.attempts ?? 4;
        const result = await retryUntil(async ({ attempt }) => {
            const response = await this.authorized(repository, method, path, headers, body);
            if (!retryableStatus(response.statusCode) || attempt >= attempts)
                return { done: true, value: response };
            await response.body.dump();
            this.options.onRetry?.(`${method} ${path} answered ${response.statusCode}`);
            return { done: false, value: undefined, retryable: true };
        }, { deadline: Date.now() + 120_000, policy: this.options.backoff ?? RETRY_BACKOFF });
        if (!result.value)
            throw new Error(`${method} ${path}: the registry kept answering 429/5xx until the deadline`);
        return result.value;
    }
    async authorized(repository, method, path, headers, body) {
        let response = await this.send(repository, method, path, headers, body);
        if (response.statusCode !== 401)
            return response;
        await response.body.dump();
        this.authorizations.set(repository, await this.authorize(repository, response.headers['www-authenticate']));
        response = await this.send(repository, method, path, headers, body);
        if (response.statusCode === 401) {
            await response.body.dump();
            throw new Error(`${this.options.registry} refused the credentials for ${repository} (401 after authenticating)`);
        }
        return response;
    }
    async send(repository, method, path, headers, body) {
        const authorization = this.authorizations.get(repository);
        const all = { ...headers, ...(authorization ? { authorization } : {}) };
        // the scheme this call used: calls at the same time may all have tried https before one learnt otherwise
        const scheme = this.scheme;
        try {
            return await (0,undici/* request */.Em)(`${scheme}://${this.options.registry}${path}`, { method, headers: all, body, dispatcher: this.dispatcher });
        }
        catch (error) {
            // an insecure registry may speak plain HTTP: buildah falls back the same way
            if (this.options.tlsVerify || scheme === 'http' || !speaksNoTls(error))
                throw error;
            this.scheme = 'http';
            return (0,undici/* request */.Em)(`http://${this.options.registry}${path}`, { method, headers: all, body, dispatcher: this.dispatcher });
        }
    }
    async authorize(repository, header) {
        const challenge = parseChallenge(Array.isArray(header) ? header[0] : header);
        const creds = this.options.credentials;
        const basic = creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
        if (challenge?.scheme === 'basic') {
            if (!basic)
                throw new Error(`${this.options.registry} wants credentials: give username and password`);
            return basic;
        }
        if (challenge?.scheme !== 'bearer')
            throw new Error(`${this.options.registry} answered 401 without a challenge this action understands`);
        const response = await (0,undici/* request */.Em)(tokenUrl(challenge, repository), {
            headers: basic ? { authorization: basic } : {},
            dispatcher: this.dispatcher,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200)
            throw new Error(`the token service of ${this.options.registry} answered ${response.statusCode}`);
        const parsed = JSON.parse(text);
        const token = parsed.token ?? parsed.access_token;
        if (!token)
            throw new Error(`the token service of ${this.options.registry} gave no token`);
        mask_maskSecret(token);
        return `Bearer ${token}`;
    }
}
const sha256 = (body) => `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
function speaksNoTls(error) {
    const e = error;
    const text = `${e.code ?? ''} ${e.cause?.code ?? ''} ${e.message ?? ''} ${e.cause?.message ?? ''}`;
    return /EPROTO|wrong version number|ECONNRESET|packet length too long|SocketError/i.test(text);
}
/** The first error code of a registry error body, such as `: MANIFEST_INVALID`. */
function errorCode(text) {
    try {
        const code = JSON.parse(text).errors?.[0]?.code;
        return code && /^[A-Z_]{1,40}$/.test(code) ? `: ${code}` : '';
    }
    catch {
        return '';
    }
}

;// CONCATENATED MODULE: ./actions/build-images/src/read-back.ts



/**
 * What the registry holds for a pushed image: its size (what a pull moves) and, for an index
 * (BuildKit's), the size of its image manifest and the attestations beside it. A failed read
 * costs only those summary cells, never the build.
 */
async function readBack(registry, repository, digest) {
    try {
        const index = await registry.getManifest(repository, digest);
        const entries = indexEntries(index.body);
        if (!entries) {
            const size = manifestSize(index.body);
            return size !== undefined ? { sizeBytes: size } : {};
        }
        const [image] = entries.images;
        // the image manifest and the attestation manifests at once
        const [imageManifest, ...attestations] = await Promise.all([
            image ? registry.getManifest(repository, image) : undefined,
            ...entries.attestations.map((a) => registry.getManifest(repository, a)),
        ]);
        const size = imageManifest ? manifestSize(imageManifest.body) : undefined;
        const kinds = new Set(attestations.flatMap((a) => (a ? attestationKinds(a.body) : [])));
        return { ...(size !== undefined ? { sizeBytes: size } : {}), attestations: [...kinds] };
    }
    catch (error) {
        log.info(`${repository}@${digest} could not be read back (${error.message}); the summary leaves its size and attestations out`);
        return {};
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./actions/build-images/src/context-digest.ts




async function fileDigest(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/**
 * One digest of a build context: every file, folder and link under it by path (sorted), with
 * its permission bits and its content (a link: where it points). Owners and times are left
 * out, as buildah's own layer cache leaves them out. Every file counts, also those an ignore
 * file keeps out of the build: a change to one of those costs a rebuild, never a stale image.
 * A socket, FIFO or device in the context fails, naming it.
 */
async function contextDigest(root) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const walk = async (dir) => {
        const names = (await (0,promises_.readdir)(dir)).sort();
        for (const name of names) {
            const path = (0,external_node_path_.join)(dir, name);
            const rel = (0,external_node_path_.relative)(root, path).split(external_node_path_.sep).join('/');
            const stat = await (0,promises_.lstat)(path);
            const mode = (stat.mode & 0o7777).toString(8);
            if (stat.isSymbolicLink())
                hash.update(`l ${JSON.stringify(rel)} ${JSON.stringify(await (0,promises_.readlink)(path))}\n`);
            else if (stat.isDirectory()) {
                hash.update(`d ${JSON.stringify(rel)} ${mode}\n`);
                await walk(path);
            }
            else if (stat.isFile())
                hash.update(`f ${JSON.stringify(rel)} ${mode} ${await fileDigest(path)}\n`);
            else
                throw new Error(`${path} is neither a file, a folder nor a link`);
        }
    };
    await walk(root);
    return `sha256:${hash.digest('hex')}`;
}

;// CONCATENATED MODULE: ./actions/build-images/src/reuse-key.ts

/**
 * Reuse of an unchanged image (buildah, cache: true): the key of everything a build's result
 * depends on, and the record in the cache repository that names the image those inputs gave.
 * Everything here is pure; the files and the registry are read by context-digest.ts and reuse.ts.
 */
/** Bumped whenever what the key covers changes, so that no old record is read with a new meaning. */
const REUSE_KEY_VERSION = 'todo-deploy build inputs v1';
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/**
 * Where a Dockerfile image reference lives, the way Docker reads one: no registry host means
 * Docker Hub (and `library/` for a one-part name), no tag means `latest`. Pure.
 */
function imageLocation(ref) {
    const [name = '', digest] = ref.split('@');
    if (digest !== undefined && !DIGEST.test(digest))
        throw new Error(`'${ref}' has a digest that is not sha256:<64 hex>`);
    const slash = name.lastIndexOf('/');
    const colon = name.lastIndexOf(':');
    const tag = colon > slash ? name.slice(colon + 1) : 'latest';
    const path = colon > slash ? name.slice(0, colon) : name;
    const [first = '', ...rest] = path.split('/');
    const hasHost = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
    const host = hasHost ? first : 'docker.io';
    let repository = hasHost ? rest.join('/') : path;
    if (host === 'docker.io' && !repository.includes('/'))
        repository = `library/${repository}`;
    if (!/^[a-z0-9]+(?:[._-]+[a-z0-9]+|\/[a-z0-9]+)*$/.test(repository))
        throw new Error(`'${ref}' is not an image reference`);
    return {
        host: host === 'docker.io' ? 'registry-1.docker.io' : host,
        repository,
        reference: digest ?? tag,
        ...(digest ? { digest } : {}),
    };
}
/** A Dockerfile's instructions: comments and blank lines out, continuation lines joined. */
function instructions(dockerfile) {
    const escape = /^#\s*escape\s*=\s*(\S)/im.exec(dockerfile.split('\n').slice(0, 5).join('\n'))?.[1] ?? '\\';
    const lines = [];
    let current = '';
    for (const raw of dockerfile.split(/\r?\n/)) {
        const line = raw.trim();
        if (current === '' && (line === '' || line.startsWith('#')))
            continue;
        if (current !== '' && line.startsWith('#'))
            continue;
        if (line.endsWith(escape)) {
            current += `${line.slice(0, -1)} `;
            continue;
        }
        lines.push(current + line);
        current = '';
    }
    if (current.trim())
        lines.push(current.trim());
    return lines;
}
/**
 * The images outside the build a Dockerfile reads: every FROM that is not `scratch` or an
 * earlier stage, and every `--from=` (COPY, RUN --mount) that is not a stage. A reason instead
 * when what the build reads cannot be known before building: an image named by a build
 * argument, or ADD of a URL or a git repository. Pure.
 */
function baseImages(dockerfile) {
    const stages = new Set();
    const images = new Set();
    let stageCount = 0;
    const external = (ref, what) => {
        if (ref.includes('$'))
            return `${what} '${ref}' is named by a build argument`;
        const lower = ref.toLowerCase();
        if (lower === 'scratch' || stages.has(lower) || (/^\d+$/.test(ref) && Number(ref) < stageCount))
            return undefined;
        images.add(ref);
        return undefined;
    };
    for (const line of instructions(dockerfile)) {
        const [keyword = '', ...words] = line.split(/\s+/);
        const op = keyword.toUpperCase();
        const args = words.filter((w) => !w.startsWith('--'));
        if (op === 'FROM') {
            const [image = '', as, name] = args;
            const reason = external(image, 'FROM');
            if (reason)
                return { reason };
            if (as?.toUpperCase() === 'AS' && name)
                stages.add(name.toLowerCase());
            stageCount += 1;
            continue;
        }
        for (const flag of words.filter((w) => w.startsWith('--'))) {
            const from = /^--from=(.+)$/.exec(flag)?.[1] ?? /(?:^--mount=|,)from=([^,]+)/.exec(flag)?.[1];
            if (from === undefined)
                continue;
            const reason = external(from, `${op} --from`);
            if (reason)
                return { reason };
        }
        if (op === 'ADD') {
            const remote = args.find((a) => /^(https?|git):\/\/|^git@|\.git(#|$)/.test(a));
            if (remote)
                return { reason: `ADD ${remote}: what it fetches is not known before building` };
        }
    }
    return { images: [...images].sort() };
}
/** The key: sha256 hex over every part, each length-prefixed, so that no two sets of parts give one text. Pure. */
function reuseKey(parts) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const add = (label, value) => hash.update(`${label} ${Buffer.byteLength(value)}\n${value}\n`);
    add('version', REUSE_KEY_VERSION);
    add('platform', parts.platform);
    add('dockerfile', parts.dockerfile);
    add('context', parts.contextDigest);
    for (const { key, value } of [...parts.buildArgs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
        add(`arg ${key}`, value);
    for (const { ref, digest } of [...parts.bases].sort((a, b) => (a.ref < b.ref ? -1 : 1)))
        add(`base ${ref}`, digest);
    return hash.digest('hex');
}
/** The record's tag in the cache repository (a tag is at most 128 characters: this is 71). */
const reuseTag = (key) => `inputs-${key}`;
/** OCI's empty descriptor's content (image-spec 1.1): the record's config and only layer. */
const EMPTY_BLOB = Buffer.from('{}');
const emptyDescriptor = () => ({
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(EMPTY_BLOB).digest('hex')}`,
    size: EMPTY_BLOB.length,
});
const RECORD_ARTIFACT_TYPE = 'application/vnd.todo-deploy.build-inputs.v1';
const IMAGE_ANNOTATION = 'dev.todo-deploy.image.digest';
const REVISION_ANNOTATION = 'org.opencontainers.image.revision';
/** The record: an OCI artifact manifest whose annotations name the image built from the key's inputs. Pure. */
function recordManifest(imageDigest, revision) {
    return Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: RECORD_ARTIFACT_TYPE,
        config: emptyDescriptor(),
        layers: [emptyDescriptor()],
        annotations: { [IMAGE_ANNOTATION]: imageDigest, [REVISION_ANNOTATION]: revision },
    }));
}
/** The image a record names, and the commit that built it; undefined for anything else. Pure. */
function readRecord(body) {
    try {
        const parsed = JSON.parse(body.toString());
        const imageDigest = parsed.annotations?.[IMAGE_ANNOTATION];
        const revision = parsed.annotations?.[REVISION_ANNOTATION];
        if (parsed.artifactType !== RECORD_ARTIFACT_TYPE || typeof imageDigest !== 'string' || !DIGEST.test(imageDigest))
            return undefined;
        return { imageDigest, revision: typeof revision === 'string' && /^[0-9a-f]{7,64}$/.test(revision) ? revision : 'an unknown commit' };
    }
    catch {
        return undefined;
    }
}
const SINGLE_IMAGE = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);
/** An image manifest's config descriptor; undefined for an index or anything else. Pure. */
function configOf(manifest, mediaType) {
    if (!SINGLE_IMAGE.has(mediaType))
        return undefined;
    try {
        const config = JSON.parse(manifest.toString()).config;
        return typeof config?.digest === 'string' && DIGEST.test(config.digest) && typeof config.size === 'number'
            ? { digest: config.digest, size: config.size }
            : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The reused image under this build's labels: its config with the OCI labels (revision,
 * version, created...) and `created` of this build, and its manifest pointing at that config;
 * the layers are the same bytes. Pure.
 */
function relabel(manifest, config, labels, created) {
    const image = JSON.parse(config.toString());
    image.config = { ...(image.config ?? {}), Labels: { ...(image.config?.Labels ?? {}), ...labels } };
    image.created = created.toISOString();
    const newConfig = Buffer.from(JSON.stringify(image));
    const parsed = JSON.parse(manifest.toString());
    parsed.config = { ...parsed.config, digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(newConfig).digest('hex')}`, size: newConfig.length };
    return { manifest: Buffer.from(JSON.stringify(parsed)), config: newConfig };
}

;// CONCATENATED MODULE: ./actions/build-images/src/reuse.ts





function baseResolver(inputs, own) {
    return async (ref) => {
        const where = imageLocation(ref);
        if (where.digest)
            return where.digest;
        const mine = where.host === inputs.registry;
        const registry = mine ? own : new Registry({ registry: where.host, tlsVerify: true, attempts: 2 });
        try {
            return await registry.manifestDigest(where.repository, where.reference);
        }
        catch (error) {
            throw new Error(`the digest of base image ${ref} could not be read (${error.message})`, { cause: error });
        }
        finally {
            if (!mine)
                await registry.close();
        }
    };
}
/** The service's key, or why it has none (then it is built as always). */
async function serviceKey(service, inputs, resolve) {
    const dockerfile = await (0,promises_.readFile)(service.dockerfile, 'utf8');
    const found = baseImages(dockerfile);
    if ('reason' in found)
        return { reason: found.reason };
    const [context, bases] = await Promise.all([
        contextDigest(service.context),
        Promise.all(found.images.map(async (ref) => ({ ref, digest: await resolve(ref) }))),
    ]);
    return {
        key: reuseKey({
            dockerfile,
            contextDigest: context,
            buildArgs: inputs.buildArgs,
            bases,
            platform: `${process.platform}/${process.arch}`,
        }),
    };
}
/**
 * The image built before from the same inputs, tagged with every tag of this build under this
 * build's labels; undefined when there is none (no record, or its image is gone).
 */
async function reuseImage(registry, where, key, labels, created) {
    let record;
    try {
        record = await registry.getManifest(where.cacheRepository, reuseTag(key));
    }
    catch (error) {
        if (error instanceof ManifestNotFound)
            return undefined;
        throw error;
    }
    const named = readRecord(record.body);
    if (!named)
        return undefined;
    let image;
    try {
        image = await registry.getManifest(where.repository, named.imageDigest);
    }
    catch (error) {
        if (!(error instanceof ManifestNotFound))
            throw error;
        log.info(`${where.repository}@${named.imageDigest}, built from these inputs by ${named.revision}, is gone; building`);
        return undefined;
    }
    const config = configOf(image.body, image.mediaType);
    if (!config)
        return undefined;
    const next = relabel(image.body, await registry.getBlob(where.repository, config.digest), labels, created);
    await registry.putBlob(where.repository, next.config);
    const digest = await registry.putManifestTags(where.repository, where.tags, {
        body: next.manifest,
        mediaType: image.mediaType,
        digest: '',
    });
    return { digest, revision: named.revision };
}
/** Records that these inputs gave this image, for the builds after this one. */
async function recordImage(registry, cacheRepository, key, imageDigest, revision) {
    await registry.putBlob(cacheRepository, EMPTY_BLOB);
    const body = recordManifest(imageDigest, revision);
    await registry.putManifest(cacheRepository, reuseTag(key), { body, mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: '' });
}

;// CONCATENATED MODULE: ./actions/build-images/src/buildah-run.ts







/** A service's image repository and its cache repository, as registry paths (no host). */
function repositoriesOf(inputs, plan) {
    const repository = `${inputs.repository}/${plan.service.name}`;
    return { repository, cacheRepository: cacheRepositoryOf(repository) };
}
/**
 * Pushes one image: its first tag with buildah (the layers and the manifest), retrying what may
 * pass on its own; then every other tag gets that same manifest through the registry API, byte
 * for byte (no second upload, and one digest for all tags by construction).
 */
async function pushImage(buildah, registry, plan, inputs, work, noOwnRetries, authFile) {
    const [first, ...others] = plan.refs;
    if (!first)
        throw new Error(`${plan.service.name} has no tag to push`);
    const digestFile = (0,external_node_path_.join)(work, `${plan.service.name}.digest`);
    const argv = pushArgv(first, digestFile, { tlsVerify: inputs.tlsVerify, noOwnRetries, ...(authFile ? { authFile } : {}) });
    const result = await retryTransient(() => buildah.push(argv, digestFile), transientPushFailure, (cause) => log.info(`Push of ${first} failed (${cause}); trying again`), 120_000);
    if (!result.ok)
        throw new Error(`push of ${first} to ${inputs.registry} failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.value}`);
    const digest = result.value;
    log.info(`Pushed ${first} (${digest})`);
    if (others.length === 0)
        return digest;
    const { repository } = repositoriesOf(inputs, plan);
    const manifest = await registry.getManifest(repository, digest);
    const tags = others.map((ref) => ref.slice(plan.image.length + 1));
    await registry.putManifestTags(repository, tags, { ...manifest, digest }, (tag) => log.info(`Tagged ${plan.image}:${tag} (${digest})`));
    return digest;
}
/** The reuse key of a service, or undefined (logged why) when it has none; then it is built. */
async function keyOf(plan, inputs, resolve) {
    try {
        const found = await serviceKey(plan.service, inputs, resolve);
        if ('key' in found)
            return found.key;
        log.info(`${plan.service.name} is built, not reused: ${found.reason}`);
    }
    catch (error) {
        log.info(`${plan.service.name} is built, not reused: ${error.message}`);
    }
    return undefined;
}
/** An image built before from the same inputs, tagged again under this build's labels; undefined: build it. */
async function tryReuse(registry, plan, inputs, tags, created, key) {
    try {
        const labels = ociLabels(plan.service.name, inputs, tags, created);
        const reused = await reuseImage(registry, { ...repositoriesOf(inputs, plan), tags: tags.tags }, key, labels, created);
        if (reused)
            log.info(`Reused ${plan.image} from ${reused.revision} (its inputs are unchanged): ${reused.digest}`);
        return reused;
    }
    catch (error) {
        log.info(`${plan.service.name} could not be reused (${error.message}); building it`);
        return undefined;
    }
}
/** Reuse is for a pushed build with the registry cache: the registry holds the records and the images. */
const reuses = (plan, inputs, registry) => Boolean(plan.cacheRepository && inputs.push && registry);
/** Notes which image these inputs gave; a failure costs only the next build's reuse. */
async function record(registry, plan, inputs, key, digest) {
    try {
        await recordImage(registry, repositoriesOf(inputs, plan).cacheRepository, key, digest, inputs.sha);
    }
    catch (error) {
        log.info(`Could not record the inputs of ${plan.service.name} (${error.message}); its next build will not reuse this one`);
    }
}
/**
 * Builds and pushes one service after another with buildah; a failure stops the services after
 * it. With the cache on and a push, a service whose inputs gave an image before is not built:
 * that image is tagged again (reuse.ts).
 */
async function buildWithBuildah(inputs, tags, created, work, registry) {
    const buildah = new Buildah();
    const version = await buildah.version();
    log.info(`Using ${version}`);
    const noCache = inputs.cache ? cacheUnsupported(version) : undefined;
    if (noCache)
        throw new Error(noCache);
    let authFile;
    if (inputs.push && inputs.credentials) {
        authFile = (0,external_node_path_.join)(work, 'auth.json');
        await buildah.login(loginArgv(inputs.registry, inputs.credentials.username, authFile, inputs.tlsVerify), inputs.credentials.password);
        log.info(`Logged in to ${inputs.registry} as ${inputs.credentials.username}`);
    }
    const plans = planImages(inputs, tags, { created, ...(authFile ? { authFile } : {}) });
    const resolve = registry && baseResolver(inputs, registry);
    const results = [];
    for (const plan of plans) {
        const began = Date.now();
        const result = { service: plan.service.name, image: plan.image, status: 'not built', durationMs: 0 };
        results.push(result);
        if (results.some((r) => r.status === 'failed'))
            continue;
        try {
            const key = reuses(plan, inputs, registry) && resolve ? await keyOf(plan, inputs, resolve) : undefined;
            const reused = key && registry ? await tryReuse(registry, plan, inputs, tags, created, key) : undefined;
            if (key && reused && registry) {
                Object.assign(result, { status: 'pushed', digest: reused.digest, reusedFrom: reused.revision });
                await record(registry, plan, inputs, key, reused.digest);
                Object.assign(result, await readBack(registry, repositoriesOf(inputs, plan).repository, reused.digest));
                result.durationMs = Date.now() - began;
                continue;
            }
            const output = await buildah.build(plan.buildArgv, `Build ${plan.service.name} (${plan.refs.join(', ')})`);
            if (plan.cacheRepository)
                result.cache = cacheHits(output);
            result.status = 'built';
            if (inputs.push) {
                if (!registry)
                    throw new Error('a push needs the registry client');
                result.digest = await pushImage(buildah, registry, plan, inputs, work, retriesOnItsOwn(version), authFile);
                result.status = 'pushed';
                if (key)
                    await record(registry, plan, inputs, key, result.digest);
                Object.assign(result, await readBack(registry, repositoriesOf(inputs, plan).repository, result.digest));
            }
        }
        catch (error) {
            result.status = 'failed';
            result.error = error.message;
        }
        result.durationMs = Date.now() - began;
    }
    return results;
}

;// CONCATENATED MODULE: ./actions/build-images/src/bake.ts


/** A bake target's name for a service (bake allows letters, digits, '_' and '-'). Pure. */
const bakeTarget = (service) => service.replace(/[^A-Za-z0-9_-]/g, '_');
/**
 * The tag of a BuildKit cache for a git ref, so that branches never overwrite each other's
 * cache: `buildkit-<branch>` for a branch, `buildkit-pr-<n>` for a pull request, and main's
 * for anything else (a release tag builds what main built). Pure.
 */
function cacheTag(ref) {
    const slug = (text) => text
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, '-')
        .replace(/^[-.]+/, '')
        .slice(0, 100) || 'main';
    const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
    if (branch)
        return `buildkit-${slug(branch)}`;
    const pr = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
    if (pr)
        return `buildkit-pr-${pr}`;
    return 'buildkit-main';
}
/**
 * A service's cache entries (pure). registry: `<image>-buildcache`, read from its branch's tag and
 * main's, written to its branch's. gha: GitHub's Actions cache under the scope
 * `<repository>/<service>`; GitHub's own scoping keeps branches apart (a run writes its ref's
 * cache and reads its ref's and the default branch's), and BuildKit reads the token's scopes.
 * Neither carries a secret: buildx takes the cache service's token from the environment.
 */
function cacheOf(inputs, plan, own, insecure) {
    if (inputs.cache && inputs.cacheBackend === 'gha') {
        const scope = `scope=${inputs.repository}/${plan.service.name}`;
        return { reads: [`type=gha,${scope}`], writes: [`type=gha,${scope},mode=max`] };
    }
    const cache = plan.cacheRepository;
    if (!cache)
        return { reads: [], writes: [] };
    return {
        reads: [...new Set([own, 'buildkit-main'])].map((tag) => `type=registry,ref=${cache}:${tag}${insecure}`),
        writes: [`type=registry,ref=${cache}:${own},mode=max${insecure}`],
    };
}
/**
 * The bake definition (JSON) of every service: one BuildKit session builds them all, in
 * parallel, sharing contexts and stages. Per service: its tags, the OCI labels, the build
 * arguments, its cache in the registry (`<image>-buildcache:<cacheTag>`: read from its own
 * branch and from main's, written only to its own and only when pushing), the attestations
 * and a registry output (a build that is not pushed keeps only BuildKit's cache). Pure.
 */
function bakeFile(inputs, tags, plans, created) {
    const insecure = inputs.tlsVerify ? '' : ',registry.insecure=true';
    const own = cacheTag(inputs.ref);
    const target = {};
    for (const plan of plans) {
        const { reads, writes } = cacheOf(inputs, plan, own, insecure);
        target[bakeTarget(plan.service.name)] = {
            context: plan.service.context,
            dockerfile: plan.service.dockerfile,
            tags: plan.refs,
            labels: ociLabels(plan.service.name, inputs, tags, created),
            args: Object.fromEntries(inputs.buildArgs.map(({ key, value }) => [key, value])),
            'cache-from': reads,
            'cache-to': inputs.push ? writes : [],
            attest: inputs.push
                ? [
                    ...(inputs.provenance ? ['type=provenance,mode=max'] : []),
                    ...(inputs.sbom ? [inputs.sbomGenerator ? `type=sbom,generator=${inputs.sbomGenerator}` : 'type=sbom'] : []),
                ]
                : [],
            output: inputs.push ? [`type=registry${insecure}`] : ['type=cacheonly'],
        };
    }
    return { group: { default: { targets: Object.keys(target) } }, target };
}
/**
 * `docker buildx bake` of the definition file, plain progress, digests into the metadata file.
 * bake asks for an entitlement to read a context or Dockerfile outside its working folder
 * (and fails without a terminal to ask on): each folder the services read is allowed, and
 * nothing else. Pure.
 */
function bakeArgv(file, metadataFile, readFolders = []) {
    return [
        'buildx',
        'bake',
        '--file',
        file,
        '--metadata-file',
        metadataFile,
        '--progress',
        'plain',
        ...[...new Set(readFolders)].flatMap((dir) => ['--allow', `fs.read=${dir}`]),
    ];
}
/** The folders a build reads: each service's context and its Dockerfile's folder. Pure. */
const foldersRead = (services) => [
    ...new Set(services.flatMap((s) => [s.context, (0,external_node_path_.dirname)(s.dockerfile)])),
];
/** Each service's pushed digest from bake's metadata file (`containerimage.digest` per target). Pure. */
function digestsFromMetadata(text, services) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new Error('bake wrote a metadata file that is not JSON');
    }
    const digests = {};
    for (const service of services) {
        const digest = json[bakeTarget(service)]?.['containerimage.digest'];
        if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
            throw new Error(`bake's metadata names no digest for ${service}`);
        digests[service] = digest;
    }
    return digests;
}
/**
 * The steps each target took from a cache, from bake's plain progress: a vertex `#N [target …]`
 * that ends `#N CACHED`. A stage shared by several targets is shown once, under one of them. Pure.
 */
function bakeCacheHits(progress, services) {
    const byTarget = new Map(services.map((s) => [bakeTarget(s), s]));
    const owner = new Map();
    const hits = Object.fromEntries(services.map((s) => [s, 0]));
    for (const line of progress.split('\n')) {
        const named = /^#(\d+) \[([A-Za-z0-9_-]+)[\s\]]/.exec(line);
        if (named?.[1] && named[2] && byTarget.has(named[2]) && !owner.has(named[1]))
            owner.set(named[1], byTarget.get(named[2]));
        const cached = /^#(\d+) CACHED\s*$/.exec(line);
        const service = cached?.[1] ? owner.get(cached[1]) : undefined;
        if (service)
            hits[service] = (hits[service] ?? 0) + 1;
    }
    return hits;
}

;// CONCATENATED MODULE: ./actions/build-images/src/buildkit-run.ts







/** The service a bake error names (`target frontend: …`, `[frontend 2/3] …`), if it names one of them. Pure. */
function failedTarget(message, services) {
    return services.find((s) => new RegExp(`(target ${bakeTarget(s)}\\b|\\[${bakeTarget(s)}[\\s\\]])`).test(message));
}
/**
 * Every service in one `docker buildx bake` (one BuildKit session: builds in parallel, shared
 * contexts and stages), digests from bake's metadata file, then the size and attestations of
 * each pushed image read back from the registry.
 */
async function buildWithBuildkit(buildx, version, inputs, tags, created, work, registry) {
    log.info(`Using ${version}`);
    const plans = planImages(inputs, tags, { created });
    const names = plans.map((p) => p.service.name);
    const results = plans.map((p) => ({ service: p.service.name, image: p.image, status: 'not built', durationMs: 0 }));
    const file = (0,external_node_path_.join)(work, 'docker-bake.json');
    const metadata = (0,external_node_path_.join)(work, 'bake-metadata.json');
    (0,external_node_fs_.writeFileSync)(file, JSON.stringify(bakeFile(inputs, tags, plans, created), null, 2));
    const began = Date.now();
    const argv = bakeArgv(file, metadata, foldersRead(inputs.services));
    const title = `Bake ${names.length} image${names.length === 1 ? '' : 's'} (${names.join(', ')})`;
    // BuildKit retries a 5xx or a reset connection itself (1, 2, 4 s), not a 429, a refused
    // connection or a failed lookup: the whole bake is tried again for a registry it could not
    // reach (pushing, exporting the cache, resolving an image), its steps then from BuildKit's cache
    const attempt = await retryTransient((n) => buildx.bake(argv, n === 1 ? title : `${title}, attempt ${n}`), transientBakeFailure, (message) => log.info(`The bake failed reaching a registry (${message}); trying again`), 30 * 60_000);
    const progress = attempt.value;
    if (!attempt.ok) {
        const message = attempt.attempts > 1 ? `${progress} (after ${attempt.attempts} attempts)` : progress;
        const culprit = failedTarget(message, names);
        for (const r of results) {
            r.durationMs = Date.now() - began;
            // one session: a failed target stops the others, which are then not built
            if (!culprit || r.service === culprit)
                Object.assign(r, { status: 'failed', error: message });
        }
        return results;
    }
    const took = Date.now() - began;
    const digests = inputs.push ? digestsFromMetadata((0,external_node_fs_.readFileSync)(metadata, 'utf8'), names) : {};
    const hits = bakeCacheHits(progress, names);
    for (const r of results) {
        r.durationMs = took;
        r.status = inputs.push ? 'pushed' : 'built';
        if (inputs.cache)
            r.cache = { steps: hits[r.service] ?? 0 };
        const digest = digests[r.service];
        if (!digest)
            continue;
        r.digest = digest;
        log.info(`Pushed ${r.image} (${digest})`);
    }
    // every pushed image read back at once (a few registry reads each)
    if (registry)
        await Promise.all(results.map(async (r) => {
            if (r.digest)
                Object.assign(r, await readBack(registry, `${inputs.repository}/${r.service}`, r.digest));
        }));
    return results;
}

;// CONCATENATED MODULE: ./actions/build-images/src/buildx.ts



const cause = (result) => redact(lastErrorLine(result).replace(/^ERROR:\s*/i, '') || `exit ${result.exitCode}`);
/** docker buildx through argv arrays (the docker CLI's plugin); BuildKit does the building. */
class Buildx {
    env;
    docker;
    constructor(env = process.env, docker = 'docker') {
        this.env = env;
        this.docker = docker;
    }
    run(args, options = {}) {
        return runProcess([this.docker, ...args], {
            env: this.env,
            redact: redact,
            installHint: 'BuildKit needs the docker CLI with buildx (docker/setup-buildx-action), or use builder: buildah',
            ...options,
        });
    }
    /** Whether the current builder answers (`docker buildx inspect --bootstrap`, bounded), its name and driver. */
    async probe() {
        let result;
        try {
            result = await this.run(['buildx', 'inspect', '--bootstrap'], { timeoutMs: 30_000 });
        }
        catch (error) {
            return { answered: false, reason: error.message.split('\n')[0] ?? 'docker could not be run' };
        }
        if (result.exitCode !== 0)
            return { answered: false, reason: cause(result) };
        return parseInspect(result.stdout);
    }
    /** `docker buildx version`'s line; never rejects (the probe says why buildx cannot be used). */
    async version() {
        const result = await this.run(['buildx', 'version']).catch(() => undefined);
        return result?.exitCode === 0 ? result.stdout.trim() : 'docker buildx (version unknown)';
    }
    /** Runs bake; resolves with its progress (for the cache hits) or rejects with its last error line. */
    async bake(argv, title) {
        const result = await this.run(argv, { group: title });
        if (result.exitCode !== 0)
            throw new Error(`bake failed: ${cause(result)}`);
        return `${result.stdout}\n${result.stderr}`;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./actions/build-images/src/docker-config.ts



/**
 * The docker CLI configuration BuildKit's pushes read credentials from: the user's
 * configuration with the registry's credentials added, written into the action's private
 * folder (removed at the end, or by the post step) instead of the user's ~/.docker. Its buildx
 * folder (the builders, the current one) and CLI plugins are links to the user's, so the same
 * builder builds. Pure but for the files.
 */
function privateDockerConfig(folder, registry, credentials, env = process.env) {
    const user = env.DOCKER_CONFIG || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker');
    const dir = (0,external_node_path_.join)(folder, 'docker');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    for (const name of ['buildx', 'cli-plugins', 'contexts'])
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(user, name)) && !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, name)))
            (0,external_node_fs_.symlinkSync)((0,external_node_path_.join)(user, name), (0,external_node_path_.join)(dir, name));
    let config = {};
    try {
        config = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(user, 'config.json'), 'utf8'));
    }
    catch {
        // no configuration yet (or not JSON): start from an empty one
    }
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    config.auths = { ...(config.auths ?? {}), [registry]: { auth } };
    if (config.credHelpers)
        delete config.credHelpers[registry];
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
    return {
        dir,
        ...(config.credsStore
            ? {
                warning: `The docker configuration names a credsStore (${String(config.credsStore)}); the credentials for ${registry} are given in config.json, which a credsStore may override`,
            }
            : {}),
    };
}

;// CONCATENATED MODULE: ./actions/build-images/src/services.ts

/** What registries accept as one path component of a repository name. */
const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const services_EXAMPLE = 'backend=services/backend';
/** Parses one 'name=context' or 'name=context:dockerfile' per line. Pure. */
function parseServices(input, text) {
    const services = [];
    for (const line of parseList(text)) {
        const { key: name, value } = parseKeyValue(input, line, services_EXAMPLE);
        if (!NAME.test(name))
            throw new input_error_InputError(input, `'${name}' is not a valid image name (lower-case letters, digits, '.', '_', '-')`, services_EXAMPLE);
        if (services.some((s) => s.name === name))
            throw new input_error_InputError(input, `service '${name}' is listed twice`, services_EXAMPLE);
        const at = value.indexOf(':');
        const context = (at < 0 ? value : value.slice(0, at)).trim();
        const dockerfile = at < 0 ? undefined : value.slice(at + 1).trim();
        if (!context)
            throw new input_error_InputError(input, `service '${name}' has no build context`, services_EXAMPLE);
        if (dockerfile === '')
            throw new input_error_InputError(input, `service '${name}' has an empty Dockerfile after ':'`, 'backend=services/backend:docker/backend.Dockerfile');
        services.push({ name, context, ...(dockerfile ? { dockerfile } : {}) });
    }
    if (services.length === 0)
        throw new input_error_InputError(input, 'no service given (only blank or comment lines)', services_EXAMPLE);
    return services;
}

;// CONCATENATED MODULE: ./actions/build-images/src/inputs.ts




const Input = {
    Services: 'services',
    Registry: 'registry',
    Repository: 'repository',
    Push: 'push',
    Username: 'username',
    Password: 'password',
    Ref: 'ref',
    Sha: 'sha',
    BuildArgs: 'build-args',
    TlsVerify: 'tls-verify',
    Promote: 'promote',
    Cache: 'cache',
    CacheBackend: 'cache-backend',
    Builder: 'builder',
    Provenance: 'provenance',
    Sbom: 'sbom',
    SbomGenerator: 'sbom-generator',
};
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const kindOf = (path) => {
    try {
        const stat = (0,external_node_fs_.statSync)(path);
        return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
    }
    catch {
        return undefined;
    }
};
/** Reads and checks every input; throws an InputError naming the first bad one. */
function readInputs(read, env = process.env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const at = (path) => ((0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path));
    const promote = parseBoolean(Input.Promote, read(Input.Promote), false);
    const services = parseServices(Input.Services, requireInput(read, Input.Services, 'backend=services/backend')).map((line) => {
        // promotion builds nothing: only the names are used, the contexts need not be checked out
        if (promote)
            return { name: line.name, context: at(line.context), dockerfile: at(line.dockerfile ?? (0,external_node_path_.join)(line.context, 'Dockerfile')) };
        const context = at(line.context);
        if (kindOf(context) !== 'dir')
            throw new input_error_InputError(Input.Services, `the build context of '${line.name}' (${line.context}) is not a folder`, 'backend=services/backend');
        const dockerfile = line.dockerfile ? at(line.dockerfile) : (0,external_node_path_.join)(context, 'Dockerfile');
        if (kindOf(dockerfile) !== 'file')
            throw new input_error_InputError(Input.Services, `the Dockerfile of '${line.name}' (${line.dockerfile ?? (0,external_node_path_.join)(line.context, 'Dockerfile')}) does not exist`, 'backend=services/backend:services/backend/Dockerfile');
        return { name: line.name, context, dockerfile };
    });
    const registry = requireInput(read, Input.Registry, 'ghcr.io').trim().toLowerCase();
    if (/^[a-z]+:\/\//.test(registry))
        throw new input_error_InputError(Input.Registry, `'${registry}' has a scheme: give the host (and port) only`, 'ghcr.io');
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/.test(registry))
        throw new input_error_InputError(Input.Registry, `'${registry}' is not a registry host[:port]`, 'ghcr.io');
    const repositoryText = read(Input.Repository).trim() || (env.GITHUB_REPOSITORY ?? '').toLowerCase();
    if (!repositoryText)
        throw new input_error_InputError(Input.Repository, 'a value is required outside a workflow (GITHUB_REPOSITORY is not set)', 'octo/hackathon-todo');
    if (!repositoryText.split('/').every((part) => COMPONENT.test(part)))
        throw new input_error_InputError(Input.Repository, `'${repositoryText}' is not a repository path (lower-case components separated by '/')`, 'octo/hackathon-todo');
    const push = parseBoolean(Input.Push, read(Input.Push), true);
    const username = read(Input.Username).trim();
    // printed ("logged in as"): one line of printable text, nothing a runner could read as a command
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(username) || username.includes('::') || username.includes('##['))
        throw new input_error_InputError(Input.Username, 'the user name holds a line break, a control character or workflow-command text', 'octocat');
    const password = read(Input.Password);
    if (Boolean(username) !== Boolean(password))
        throw new input_error_InputError(username ? Input.Password : Input.Username, 'username and password go together', '${{ github.actor }} and ${{ secrets.GITHUB_TOKEN }}');
    const ref = read(Input.Ref).trim() || env.GITHUB_REF || '';
    const sha = (read(Input.Sha).trim() || env.GITHUB_SHA || '').toLowerCase();
    if (!sha)
        throw new input_error_InputError(Input.Sha, 'no commit: set sha, or run in a workflow (GITHUB_SHA)', '${{ github.sha }}');
    if (!/^[0-9a-f]{7,64}$/.test(sha))
        throw new input_error_InputError(Input.Sha, `'${sha}' is not a commit hash`, '${{ github.sha }}');
    const buildArgs = parseList(read(Input.BuildArgs)).map((line) => parseKeyValue(Input.BuildArgs, line, 'NODE_ENV=production'));
    const cache = parseBoolean(Input.Cache, read(Input.Cache), false);
    const builder = builderOf(read(Input.Builder));
    const cacheBackend = cacheBackendOf(read(Input.CacheBackend), { cache, builder, promote }, env);
    return {
        services,
        registry,
        repository: repositoryText,
        push,
        ...(username ? { credentials: { username, password } } : {}),
        ref,
        sha,
        buildArgs,
        tlsVerify: parseBoolean(Input.TlsVerify, read(Input.TlsVerify), true),
        promote,
        cache,
        cacheBackend,
        builder,
        provenance: parseBoolean(Input.Provenance, read(Input.Provenance), true),
        sbom: parseBoolean(Input.Sbom, read(Input.Sbom), true),
        ...sbomGeneratorOf(read(Input.SbomGenerator)),
        ...sourceOf(env),
    };
}
/**
 * The cache backend. gha is BuildKit's: buildah has no such cache. buildx takes GitHub's cache
 * service from what the runner gives a JavaScript action (ACTIONS_RUNTIME_TOKEN, and
 * ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL) and silently leaves the cache out without them, so
 * their absence is an error here, before anything is built.
 */
function cacheBackendOf(raw, given, env) {
    const value = raw.trim().toLowerCase() || 'registry';
    if (value !== 'registry' && value !== 'gha')
        throw new input_error_InputError(Input.CacheBackend, `'${raw.trim()}' is not a cache backend: use registry or gha`, 'registry');
    if (value === 'registry' || !given.cache || given.promote)
        return value;
    if (given.builder === 'buildah')
        throw new input_error_InputError(Input.CacheBackend, 'gha is a BuildKit cache (type=gha) and builder is buildah: use builder: buildkit (or auto), or cache-backend: registry', 'registry');
    const missing = [
        ...(env.ACTIONS_RUNTIME_TOKEN ? [] : ['ACTIONS_RUNTIME_TOKEN']),
        ...(env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL ? [] : ['ACTIONS_RESULTS_URL']),
    ];
    if (missing.length > 0)
        throw new input_error_InputError(Input.CacheBackend, `gha needs GitHub's Actions cache service, which the runner gives a JavaScript action, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: outside GitHub Actions use cache-backend: registry`, 'registry');
    return value;
}
function builderOf(raw) {
    const value = raw.trim().toLowerCase() || 'auto';
    if (value === 'auto' || value === 'buildkit' || value === 'buildah')
        return value;
    throw new input_error_InputError(Input.Builder, `'${raw.trim()}' is not a builder: use auto, buildkit or buildah`, 'auto');
}
// an image reference: [host[:port]/]path[:tag][@sha256:digest] (the distribution reference grammar)
const HOST = String.raw `(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?/)`;
const PATH = String.raw `[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*`;
const IMAGE_REF = new RegExp(String.raw `^${HOST}?${PATH}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);
/** The SBOM generator image: a plain image reference (it goes into BuildKit's comma-separated attest option). */
function sbomGeneratorOf(raw) {
    const value = raw.trim();
    if (!value)
        return {};
    if (!IMAGE_REF.test(value))
        throw new input_error_InputError(Input.SbomGenerator, `'${value}' is not an image reference ([host[:port]/]path[:tag][@sha256:digest], lower-case path)`, 'ghcr.io/octo/buildkit-syft-scanner:stable-1');
    return { sbomGenerator: value };
}
/** The repository's address from the workflow's environment, when it is a plain https URL. */
function sourceOf(env) {
    const server = (env.GITHUB_SERVER_URL ?? '').replace(/\/+$/, '');
    const repository = env.GITHUB_REPOSITORY ?? '';
    if (!/^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(server) || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
        return {};
    return { source: `${server}/${repository}` };
}

;// CONCATENATED MODULE: ./actions/build-images/src/outputs.ts

const outputs = defineOutputs(['image-tag', 'tags', 'digests', 'images']);

;// CONCATENATED MODULE: ./actions/build-images/src/promote.ts
/** What promotion copies: every service's sha-<short> manifest to the other tags of the policy. Pure. */
function planPromotion(inputs, tags) {
    const targets = tags.tags.filter((t) => t !== tags.immutable);
    if (targets.length === 0)
        throw new Error(`promote: nothing to promote: ${tags.reason} (promotion gives a release tag vX.Y.Z or main-latest to the ${tags.immutable} images)`);
    return {
        source: tags.immutable,
        targets,
        repositories: inputs.services.map((s) => ({
            service: s.name,
            repository: `${inputs.repository}/${s.name}`,
            image: `${inputs.registry}/${inputs.repository}/${s.name}`,
        })),
    };
}

;// CONCATENATED MODULE: ./actions/build-images/src/promote-run.ts



/**
 * Promotion: each service's manifest under sha-<short> is read from the registry and put,
 * byte for byte, under every other tag of the policy, so vX.Y.Z names exactly the images that
 * were built and tested; nothing is rebuilt. Every source is read before anything is tagged:
 * a missing service fails the run with no tag moved.
 */
async function promoteImages(inputs, tags) {
    const plan = planPromotion(inputs, tags);
    log.info(`Promoting ${plan.source} to ${plan.targets.join(', ')} for ${plan.repositories.length} services (no build)`);
    const registry = new Registry(registryOptions(inputs, { onRetry: (what) => log.info(`${what}; trying again`) }));
    const results = plan.repositories.map((r) => ({ service: r.service, image: r.image, status: 'not built', durationMs: 0 }));
    try {
        const manifests = [];
        for (const [i, r] of plan.repositories.entries()) {
            try {
                manifests.push(await registry.getManifest(r.repository, plan.source));
            }
            catch (error) {
                const result = results[i];
                result.status = 'failed';
                result.error =
                    error instanceof ManifestNotFound
                        ? `${r.image}:${plan.source} does not exist (promotion never rebuilds: build this commit first)`
                        : error.message;
                return results;
            }
        }
        for (const [i, r] of plan.repositories.entries()) {
            const began = Date.now();
            const result = results[i];
            const manifest = manifests[i];
            if (!manifest)
                continue;
            try {
                await registry.putManifestTags(r.repository, plan.targets, manifest, (tag) => log.info(`Tagged ${r.image}:${tag} (${manifest.digest}, the image of ${plan.source})`));
                result.digest = manifest.digest;
                const size = manifestSize(manifest.body);
                if (size !== undefined)
                    result.sizeBytes = size;
                result.status = 'promoted';
            }
            catch (error) {
                result.status = 'failed';
                result.error = error.message;
                break;
            }
            finally {
                result.durationMs = Date.now() - began;
            }
        }
        return results;
    }
    finally {
        await registry.close();
    }
}

;// CONCATENATED MODULE: ./actions/build-images/src/report.ts


const cacheNote = (cache) => {
    if (!cache)
        return '';
    if ('steps' in cache)
        return ` (cache: ${cache.steps} step${cache.steps === 1 ? '' : 's'} cached)`;
    return ` (cache: ${cache.remote} layer${cache.remote === 1 ? '' : 's'} from the registry, ${cache.local} local)`;
};
const reuseNote = (revision) => revision === undefined ? '' : ` (inputs unchanged since ${revision.slice(0, 12)}: its image tagged again, not rebuilt)`;
const attestationNote = (kinds) => kinds === undefined ? '' : kinds.length > 0 ? `; attestations: ${kinds.join(', ')}` : '; no attestations';
const VERDICT = {
    pushed: '✅ pushed',
    promoted: '✅ tagged (the same digest, not rebuilt)',
    built: '✅ built (not pushed)',
    failed: '❌ failed',
    'not built': '⏭️ not built (an earlier service failed)',
};
/** The job summary: the tag policy's decision, then one row per service. Pure. */
function summaryMarkdown(results, tags, durationMs) {
    const section = resultSection({
        title: 'build-images',
        verdicts: results.map((r) => r.status === 'pushed' || r.status === 'promoted' || r.status === 'built'),
        noun: 'image',
        passedWord: 'done',
        detail: `in ${formatDuration(durationMs)}`,
        header: ['Service', 'Image', 'Result', 'Digest', 'Size', 'Time'],
        rows: results.map((r) => [
            r.service,
            r.image,
            r.error
                ? `${VERDICT[r.status]}: ${r.error}`
                : `${VERDICT[r.status]}${reuseNote(r.reusedFrom)}${cacheNote(r.cache)}${attestationNote(r.attestations)}`,
            r.digest ? `\`${r.digest}\`` : '',
            r.sizeBytes !== undefined ? formatSize(r.sizeBytes) : '',
            formatDuration(r.durationMs),
        ]),
    });
    return [section, '', `Tags: ${tags.tags.map((t) => `\`${t}\``).join(', ')} (${tags.reason}).`, ''].join('\n');
}
/** The one-line failure: the service and the cause. Pure. */
function failureMessage(results) {
    const failed = results.find((r) => r.status === 'failed');
    return failed ? `${failed.service}: ${failed.error ?? 'failed'}` : '';
}
/** `digests` and `images` outputs: service -> digest, service -> image@digest. Pure. */
function digestOutputs(results) {
    const pushed = results.filter((r) => r.digest);
    return {
        digests: JSON.stringify(Object.fromEntries(pushed.map((r) => [r.service, r.digest]))),
        images: JSON.stringify(Object.fromEntries(pushed.map((r) => [r.service, `${r.image}@${r.digest}`]))),
    };
}

// EXTERNAL MODULE: ./actions/build-images/src/state.ts
var src_state = __webpack_require__(3790);
;// CONCATENATED MODULE: ./actions/build-images/src/tag-policy.ts

/**
 * The tag policy. Pure.
 * - always `sha-<first 7 hex of the commit>`;
 * - `main-latest` for a push to refs/heads/main;
 * - `vX.Y.Z` (as tagged, pre-releases included) for a tag that is a semantic version with a v.
 */
function planTags(ref, sha) {
    const immutable = `sha-${sha.slice(0, 7).toLowerCase()}`;
    if (ref === 'refs/heads/main')
        return { tags: [immutable, 'main-latest'], immutable, reason: 'a commit on main' };
    if (ref.startsWith('refs/tags/')) {
        const tag = ref.slice('refs/tags/'.length);
        if (/^v/.test(tag) && semver_default().valid(tag) === tag.slice(1))
            return { tags: [immutable, tag], immutable, reason: `release tag ${tag}` };
        return { tags: [immutable], immutable, reason: `tag ${tag} is not a release tag vX.Y.Z, so only the commit tag` };
    }
    return { tags: [immutable], immutable, reason: ref ? `${ref} is neither main nor a release tag` : 'no ref' };
}

;// CONCATENATED MODULE: ./actions/build-images/src/main.ts

















/**
 * docker buildx for BuildKit: with credentials and a push, through a docker configuration in the
 * private folder that adds them (the user's ~/.docker is never written).
 */
function buildxFor(inputs, work) {
    if (!(inputs.push && inputs.credentials))
        return new Buildx();
    const config = privateDockerConfig(work, inputs.registry, inputs.credentials);
    if (config.warning)
        log.warning(config.warning);
    return new Buildx({ ...process.env, DOCKER_CONFIG: config.dir });
}
async function run() {
    const state = mainState(src_state/* stateSchema */.J);
    const started = Date.now();
    let work;
    let registry;
    try {
        const inputs = readInputs(envReader());
        if (inputs.credentials)
            mask_maskSecret(inputs.credentials.password);
        // the runner masks its own token; masked again, as it reaches buildx through the environment
        if (inputs.cache && inputs.cacheBackend === 'gha' && process.env.ACTIONS_RUNTIME_TOKEN)
            mask_maskSecret(process.env.ACTIONS_RUNTIME_TOKEN);
        const tags = planTags(inputs.ref, inputs.sha);
        log.info(`Tags: ${tags.tags.join(', ')} (${tags.reason})`);
        if (inputs.promote) {
            const results = await promoteImages(inputs, tags);
            const { digests, images } = digestOutputs(results);
            outputs.set({ 'image-tag': tags.immutable, tags: tags.tags.join(' '), digests, images });
            await writeSummary(summaryMarkdown(results, tags, Date.now() - started));
            const failure = failureMessage(results);
            if (failure)
                fail(failure);
            return;
        }
        const created = buildTime(process.env);
        // the registry credentials live in a private folder (removed at the end, or by the post step)
        work = (0,private_folder/* createPrivateFolder */.Aj)(src_state/* ACTION */.h);
        state.set('folder', work);
        registry = inputs.push ? new Registry(registryOptions(inputs, { attempts: 2 })) : undefined;
        const buildx = inputs.builder === 'buildah' ? undefined : buildxFor(inputs, work);
        // the builder's answer and buildx's version at once: two docker CLI runs, neither waiting on the other
        const [probe, version] = buildx ? await Promise.all([buildx.probe(), buildx.version()]) : [undefined, undefined];
        const decision = chooseBuilder(inputs.builder, probe, {
            exports: exportsWanted(inputs),
            ...(inputs.cache && inputs.cacheBackend === 'gha' ? { buildkitOnly: 'cache-backend: gha' } : {}),
        });
        if ('error' in decision)
            throw new Error(decision.error);
        log.info(`Builder: ${decision.builder} (${decision.why})`);
        const results = decision.builder === 'buildkit' && buildx
            ? await buildWithBuildkit(buildx, version ?? 'docker buildx (version unknown)', inputs, tags, created, work, registry)
            : await buildWithBuildah(inputs, tags, created, work, registry);
        const { digests, images } = digestOutputs(results);
        outputs.set({ 'image-tag': tags.immutable, tags: tags.tags.join(' '), digests, images });
        await writeSummary(summaryMarkdown(results, tags, Date.now() - started));
        const failure = failureMessage(results);
        if (failure)
            fail(failure);
    }
    catch (error) {
        fail(reasonOf(error));
    }
    finally {
        await registry?.close();
        if (work) {
            (0,private_folder/* removePrivateFolder */.Yv)(work);
            state.set('folder', undefined);
        }
    }
}


/***/ }),

/***/ 3790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ stateSchema),
/* harmony export */   h: () => (/* binding */ ACTION)
/* harmony export */ });
/* harmony import */ var _todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3108);

const ACTION = 'build-images';
/** What main leaves for the post step: the private folder of the registry credentials file. */
const stateSchema = { folder: (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_0__/* .privateFolderField */ .uK)(ACTION) };


/***/ }),

/***/ 3108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aj: () => (/* binding */ createPrivateFolder),
/* harmony export */   Yv: () => (/* binding */ removePrivateFolder),
/* harmony export */   uK: () => (/* binding */ privateFolderField)
/* harmony export */ });
/* unused harmony exports isPrivateFolder, privatePathField */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7649);




function bases(env) {
    return [...new Set([env.RUNNER_TEMP, (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)()].filter((b) => Boolean(b)).map((b) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(b)))];
}
/**
 * Makes the action's private folder. `maxPathLength` keeps room for a unix socket path
 * (under 108 bytes): a deeper RUNNER_TEMP falls back to the system temp folder.
 */
function createPrivateFolder(action, env = process.env, maxPathLength) {
    const runnerTemp = env.RUNNER_TEMP;
    const fits = (base) => maxPathLength === undefined || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(base, `${action}-XXXXXX`).length <= maxPathLength;
    const base = runnerTemp && fits(runnerTemp) ? runnerTemp : (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(base, { recursive: true });
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(base, `${action}-`));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(dir, 0o700);
    return dir;
}
/** Whether a path has the shape of a private folder of this action: <RUNNER_TEMP or tmp>/<action>-XXXXXX. */
function isPrivateFolder(action, path, env = process.env) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(path);
    if (full !== path || !bases(env).includes((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(full)))
        return false;
    return new RegExp(`^${action.replace(/[^a-z0-9-]/gi, '')}-[A-Za-z0-9]{6}$`).test((0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(full));
}
/** A state field that reads back only a private folder of this action. */
function privateFolderField(action, env = process.env) {
    return _state_js__WEBPACK_IMPORTED_MODULE_3__/* .fields */ .OA.custom((raw) => (isPrivateFolder(action, raw, env) ? raw : undefined), (value) => value);
}
/** A state field that reads back only a path inside a private folder of this action. */
function privatePathField(action, env = process.env) {
    return fields.custom((raw) => (resolve(raw) === raw && isPrivateFolder(action, dirname(raw), env) ? raw : undefined), (value) => value);
}
/** Removes a private folder; a symbolic link in its place is removed as a link, never followed. */
function removePrivateFolder(dir) {
    try {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir).isSymbolicLink()) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { force: true });
            return;
        }
    }
    catch {
        return; // gone already
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
}


/***/ })

};
