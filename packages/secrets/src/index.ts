export { derivedForms } from './derived-forms.js';
export { maskSecret, redact, resetMaskedSecrets } from './mask.js';
export { maskUrlCredentials, displayUrl } from './url-credentials.js';
