export { InputError } from './input-error.js';
export { parseList } from './list.js';
export { parseBoolean } from './boolean.js';
export { parseDuration, formatDuration } from './duration.js';
export { parseKeyValue, parseHeaderLine, type KeyValue } from './key-value.js';
export { parseStatusCodes, statusMatches, formatStatusRanges, type StatusRange } from './status-codes.js';
export { parseInteger, parseOptionalNumber, parseRegExp, parseChoice } from './scalars.js';
export { envReader, recordingReader, requireInput, inputEnvName, type InputReader } from './reader.js';
