/** A valid value for every input, for the contract test (it records which inputs are read). */
export const CONTRACT_SAMPLE: Record<string, string> = {
  urls: 'https://staging.todo.example.com/api/health',
  'expected-status': '200-299',
  'expect-body': 'ok',
  headers: 'X-Trace: 1',
  method: 'GET',
  timeout: '2m',
  'request-timeout': '10s',
  interval: '2s',
  'max-interval': '30s',
  'consecutive-successes': '1',
  'follow-redirects': 'true',
  'ca-cert': '',
  insecure: 'false',
};
