import { defineOutputs } from '@todo-deploy/runtime';

export const outputs = defineOutputs(['result', 'results', 'duration-ms']);
