export { Pki, type Issued, type LeafOptions } from './pki.js';
export { startServer, freePort, reply, type Handler, type TestServer, type TlsMaterial } from './servers.js';
export { openssl } from './openssl.js';
export { HOSTILE_LINES, HOSTILE_TEXT, HOSTILE_INLINE, MARKER, forgedCommands } from './hostile-text.js';
export { type OcspResponder, type RevocationReason } from './pki.js';
export { startTlsServer, type StaplingOptions, type TlsTestServer } from './tls-server.js';
export { FAKE_APP_SECRETS, appSecretsArgs } from './app-secrets.js';
