export { escapeCell, markdownTable, factsTable } from './table.js';
export { counted, resultSection, type ResultSection } from './result-section.js';
export { writeSummary } from './write.js';
