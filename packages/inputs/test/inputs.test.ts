import { describe, expect, it } from '@jest/globals';
import {
  InputError,
  parseConnectAddress,
  parseSize,
  formatSize,
  formatDuration,
  inputEnvName,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseHeaderLine,
  parseInteger,
  parseKeyValue,
  parseList,
  parseOptionalNumber,
  parseRegExp,
  parseStatusCodes,
  recordingReader,
  requireInput,
  statusMatches,
} from '../src/index.js';

describe('parseList', () => {
  it.each([
    ['a\nb', ['a', 'b']],
    ['  a  \r\n\n# comment\n  # indented comment\nb\n\n', ['a', 'b']],
    ['', []],
    ['https://x/#frag', ['https://x/#frag']],
  ])('%j -> %j', (text, expected) => {
    expect(parseList(text)).toEqual(expected);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    [' false ', false],
    ['', true],
  ])('%j -> %j', (raw, expected) => {
    expect(parseBoolean('wait', raw, true)).toBe(expected);
  });

  it.each(['yes', '1', 'on', 'tru'])('rejects %j naming the input and an example', (raw) => {
    expect(() => parseBoolean('wait', raw, true)).toThrow(
      `Input 'wait': '${raw}' is not a boolean: use true or false. Example of an accepted value: true`,
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['45', 45_000],
    ['1.5', 1500],
    ['0.5s', 500],
    ['1h2m3s4ms', 3_723_004],
  ])('%s -> %d ms', (raw, expected) => {
    expect(parseDuration('timeout', raw)).toBe(expected);
  });

  it('uses the fallback for an empty value', () => {
    expect(parseDuration('timeout', '  ', 5000)).toBe(5000);
  });

  it.each(['5 minutes', '2d', 'm', '1m 30s', '-5s', 'abc'])('rejects %j', (raw) => {
    expect(() => parseDuration('timeout', raw)).toThrow(
      /^Input 'timeout': '.*' is not a duration: use a number with a unit of ms, s, m or h, or plain seconds\. Example of an accepted value: 1m30s$/,
    );
  });

  it('requires a value without a fallback', () => {
    expect(() => parseDuration('timeout', '')).toThrow(InputError);
  });

  it.each([
    [950, '950ms'],
    [12_340, '12.3s'],
    [125_000, '2m05s'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('parseKeyValue', () => {
  it('splits at the first = and keeps commas and = in the value', () => {
    expect(parseKeyValue('set', 'a.b=x=1,y=2')).toEqual({ key: 'a.b', value: 'x=1,y=2' });
    expect(parseKeyValue('set', 'empty=')).toEqual({ key: 'empty', value: '' });
  });

  it.each(['novalue', '=value'])('rejects %j', (line) => {
    expect(() => parseKeyValue('set', line)).toThrow(
      `Input 'set': line '${line}' is not key=value. Example of an accepted value: image.tag=sha-0123abc`,
    );
  });
});

describe('parseHeaderLine', () => {
  it('splits at the first colon', () => {
    expect(parseHeaderLine('headers', 'Authorization: Bearer a:b')).toEqual({ key: 'Authorization', value: 'Bearer a:b' });
  });

  it('rejects a line without a colon and does not echo it', () => {
    let message = '';
    try {
      parseHeaderLine('headers', 'Bearer s3cr3t');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("Input 'headers': a line without a colon");
    expect(message).not.toContain('s3cr3t');
  });

  it('rejects a bad header name', () => {
    expect(() => parseHeaderLine('headers', 'Bad Name: x')).toThrow("name 'Bad Name' is not a header name");
  });
});

describe('parseStatusCodes', () => {
  it('parses codes and ranges', () => {
    const ranges = parseStatusCodes('expected-status', '200,204, 300-399');
    expect(ranges).toEqual([
      { from: 200, to: 200 },
      { from: 204, to: 204 },
      { from: 300, to: 399 },
    ]);
    expect(statusMatches(ranges, 204)).toBe(true);
    expect(statusMatches(ranges, 301)).toBe(true);
    expect(statusMatches(ranges, 201)).toBe(false);
  });

  it.each([
    ['', 'no status code given'],
    ['20', "'20' is not an HTTP status code"],
    ['200-', "'' is not an HTTP status code"],
    ['399-300', "range '399-300' ends before it starts"],
    ['200-300-400', "'200-300-400' is not a code or a range"],
    ['ok', "'ok' is not an HTTP status code"],
    ['600', "'600' is not an HTTP status code"],
  ])('rejects %j', (raw, problem) => {
    expect(() => parseStatusCodes('expected-status', raw)).toThrow(
      new RegExp(
        `^Input 'expected-status': ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*Example of an accepted value: 200,204,300-399$`,
      ),
    );
  });
});

describe('scalars', () => {
  it('parses integers within bounds', () => {
    expect(parseInteger('http-port', '8080', 80, 1, 65535)).toBe(8080);
    expect(parseInteger('http-port', '', 80, 1, 65535)).toBe(80);
    expect(() => parseInteger('http-port', '70000', 80, 1, 65535)).toThrow(
      "Input 'http-port': '70000' is not a whole number from 1 to 65535",
    );
    expect(() => parseInteger('http-port', '8.5', 80, 1, 65535)).toThrow(InputError);
  });

  it('parses optional numbers', () => {
    expect(parseOptionalNumber('pct', '', 0, 100, '33')).toBeUndefined();
    expect(parseOptionalNumber('pct', '33.5', 0, 100, '33')).toBe(33.5);
    expect(() => parseOptionalNumber('pct', '101', 0, 100, '33')).toThrow("Input 'pct': '101' is not a number from 0 to 100");
  });

  it('compiles regular expressions and explains a broken one', () => {
    expect(parseRegExp('expect-body', '', 'ok')).toBeUndefined();
    expect(parseRegExp('expect-body', '"status":\\s*"ok"', 'ok')?.test('"status": "ok"')).toBe(true);
    expect(() => parseRegExp('expect-body', '([a-z]', '"status":"ok"')).toThrow(
      /^Input 'expect-body': '\(\[a-z\]' is not a valid regular expression \(.+\)\. Example of an accepted value: "status":"ok"$/,
    );
  });

  it('picks a choice', () => {
    expect(parseChoice('method', 'post', ['GET', 'POST'] as const, 'GET', (t) => t.toUpperCase())).toBe('POST');
    expect(() => parseChoice('method', 'FETCH', ['GET', 'POST'] as const, 'GET')).toThrow(
      "Input 'method': 'FETCH' is not one of GET, POST",
    );
  });
});

describe('readers', () => {
  it('maps names the way the runner does', () => {
    expect(inputEnvName('expected-status')).toBe('INPUT_EXPECTED-STATUS');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('records the names read and requires values', () => {
    const reader = recordingReader({ urls: 'https://x' });
    expect(requireInput(reader.read, 'urls', 'https://example.com/health')).toBe('https://x');
    expect(() => requireInput(reader.read, 'hosts', 'example.com')).toThrow("Input 'hosts': a value is required");
    expect([...reader.names]).toEqual(['urls', 'hosts']);
  });
});

describe('parseSize', () => {
  it.each([
    ['', 1024],
    ['1MiB', 1024 ** 2],
    ['512 KiB', 512 * 1024],
    ['2MB', 2_000_000],
    ['4096', 4096],
    ['1.5kib', 1536],
  ])('reads %j', (raw, bytes) => expect(parseSize('body-limit', raw, 1024, 1, 64 * 1024 ** 2)).toBe(bytes));

  it.each(['lots', '1TiB', '0', '-1MiB', '100MiB'])('refuses %j naming the input', (raw) => {
    expect(() => parseSize('body-limit', raw, 1024, 1, 64 * 1024 ** 2)).toThrow(/^Input 'body-limit': /);
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [812, '812 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [4300, '4.2 KiB'],
    [33_240_000, '31.7 MiB'],
    [1024 ** 3 * 1.25, '1.3 GiB'],
    [1024 ** 5, '1024.0 TiB'],
  ])('writes %d bytes as %j', (bytes, text) => expect(formatSize(bytes)).toBe(text));

  it.each([-1, NaN, Infinity])('refuses %p', (bytes) => expect(() => formatSize(bytes)).toThrow(/is not a size in bytes/));
});

describe('parseConnectAddress', () => {
  it('takes an IPv4 or IPv6 address or a host name, and refuses the rest naming the input', () => {
    expect(parseConnectAddress('connect-address', ' 127.0.0.1 ')).toBe('127.0.0.1');
    expect(parseConnectAddress('connect-address', '::1')).toBe('::1');
    expect(parseConnectAddress('connect-address', 'lb.example.com')).toBe('lb.example.com');
    expect(parseConnectAddress('connect-address', '')).toBeUndefined();
    expect(() => parseConnectAddress('connect-address', 'http://lb')).toThrow(
      "Input 'connect-address': 'http://lb' is not an IP address or a host name",
    );
  });
});
