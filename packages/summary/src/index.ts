export { escapeCell, markdownTable, factsTable } from './table.js';
export { writeSummary } from './write.js';
