/** A valid value for every input, for the contract test (it records which inputs are read). */
export const CONTRACT_SAMPLE: Record<string, string> = {
  hosts: 'todo.example.com',
  'min-days-remaining': '14',
  'min-lifetime-remaining-percent': '33',
  'expected-issuer': "Let's Encrypt",
  'check-redirect': 'true',
  'http-port': '80',
  'connect-address': '203.0.113.10',
  'ca-cert': '',
  'min-tls-version': 'TLSv1.2',
  timeout: '2m',
  interval: '10s',
};
