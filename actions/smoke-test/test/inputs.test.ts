import { describe, expect, it } from '@jest/globals';
import { recordingReader } from '@todo-deploy/inputs';
import { readInputs } from '../src/inputs.js';

const read = (values: Record<string, string>) => recordingReader({ urls: 'https://todo.test/api/health', ...values }).read;

describe('smoke-test inputs', () => {
  it('reads defaults', () => {
    const inputs = readInputs(read({}));
    expect(inputs).toMatchObject({
      method: 'GET',
      timeoutMs: 120_000,
      requestTimeoutMs: 10_000,
      intervalMs: 2000,
      maxIntervalMs: 30_000,
      consecutiveSuccesses: 1,
      followRedirects: true,
      forwardHeaders: false,
      insecure: false,
      caCerts: [],
      headers: [],
      expectedStatus: [{ from: 200, to: 299 }],
    });
    expect(inputs.urls.map((u) => u.href)).toEqual(['https://todo.test/api/health']);
  });

  it('reads a full set', () => {
    const inputs = readInputs(
      read({
        urls: '# staging\nhttps://a.test/\n\nhttp://b.test:8080/x\n',
        'expected-status': '200,204,300-399',
        'expect-body': 'ok',
        headers: 'Authorization: Bearer abc\nX-Trace: 1\nX-Api-Key: k-123\nX-Tenant: blue',
        'secret-headers': 'x-tenant',
        'forward-headers': 'true',
        method: 'post',
        timeout: '1m30s',
        'request-timeout': '500ms',
        interval: '1s',
        'max-interval': '5s',
        'consecutive-successes': '3',
        'follow-redirects': 'false',
        insecure: 'true',
      }),
    );
    expect(inputs.urls).toHaveLength(2);
    expect(inputs.method).toBe('POST');
    expect(inputs.headers).toEqual([
      { name: 'Authorization', value: 'Bearer abc', secret: true },
      { name: 'X-Trace', value: '1', secret: false },
      { name: 'X-Api-Key', value: 'k-123', secret: true },
      { name: 'X-Tenant', value: 'blue', secret: true },
    ]);
    expect(inputs).toMatchObject({
      timeoutMs: 90_000,
      requestTimeoutMs: 500,
      consecutiveSuccesses: 3,
      followRedirects: false,
      forwardHeaders: true,
      insecure: true,
    });
  });

  it.each([
    [{ urls: '' }, "Input 'urls': a value is required. Example of an accepted value: https://staging.todo.example.com/api/health"],
    [{ urls: '# only a comment\n\n' }, "Input 'urls': no URL given (only blank or comment lines)"],
    [{ urls: 'todo.test/health' }, "Input 'urls': 'todo.test/health' is not an absolute URL (a scheme such as https:// is required)"],
    [{ urls: 'ftp://todo.test/' }, "Input 'urls': 'ftp://todo.test/' uses ftp; only http and https are probed"],
    [
      { urls: 'https://todo.test:99999/' },
      "Input 'urls': 'https://todo.test:99999/' is not a valid URL (check the host name and the port)",
    ],
    [{ urls: 'todo.test/health' }, "Input 'urls': 'todo.test/health' is not an absolute URL (a scheme such as https:// is required)"],
    [{ urls: 'https://u:p%zz@todo.test/' }, "Input 'urls': the credentials of URL 1 are not valid percent-encoding (write % as %25)"],
    [{ method: 'FETCH' }, "Input 'method': 'FETCH' is not one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
    [
      { 'expected-status': '200-abc' },
      "Input 'expected-status': 'abc' is not an HTTP status code between 100 and 599. Example of an accepted value: 200,204,300-399",
    ],
    [{ 'expect-body': '(unclosed' }, "Input 'expect-body': '(unclosed' is not a valid regular expression"],
    [{ 'expect-body': 'ok', method: 'HEAD' }, "Input 'expect-body': a HEAD response has no body to match"],
    [{ timeout: '5 minutes' }, "Input 'timeout': '5 minutes' is not a duration"],
    [
      { timeout: '2d' },
      "Input 'timeout': '2d' is not a duration: use a number with a unit of ms, s, m or h, or plain seconds. Example of an accepted value: 1m30s",
    ],
    [{ 'request-timeout': '0s' }, "Input 'request-timeout': the duration must be longer than zero"],
    [{ interval: '10s', 'max-interval': '5s' }, "Input 'max-interval': 5s is shorter than interval 10s"],
    [{ headers: 'Authorization Bearer abc' }, "Input 'headers': a line without a colon: use one 'Name: value' per line"],
    [{ 'consecutive-successes': '0' }, "Input 'consecutive-successes': '0' is not a whole number from 1 to 100"],
    [{ 'follow-redirects': 'yes' }, "Input 'follow-redirects': 'yes' is not a boolean: use true or false"],
    [{ 'ca-cert': 'not a pem' }, "Input 'ca-cert': no PEM certificate found"],
    [{ 'ca-cert': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }, "Input 'ca-cert': certificate 1 of 1 does not parse"],
  ])('rejects %j', (values, message) => {
    expect(() => readInputs(read(values))).toThrow(message);
  });

  it('does not echo a header value or URL credentials in errors', () => {
    expect(() => readInputs(read({ headers: 'Bearer s3cr3t-value' }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cr3t') }),
    );
    expect(() => readInputs(read({ urls: 'ftp://user:pa55w0rd@todo.test/' }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('pa55w0rd') }),
    );
    // a password with / or \ makes the URL not parse; credentials without a scheme
    for (const urls of ['https://user:pa/55w0rd@todo.test/', 'https://user:pa\\55w0rd@todo.test:99999/', 'user:pa55w0rd@todo.test/x']) {
      expect(() => readInputs(read({ urls }))).toThrow(expect.objectContaining({ message: expect.not.stringContaining('55w0rd') }));
    }
  });
});
