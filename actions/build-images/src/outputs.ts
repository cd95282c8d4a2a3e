import { defineOutputs } from '@todo-deploy/runtime';

export const outputs = defineOutputs(['image-tag', 'tags', 'digests', 'images']);
