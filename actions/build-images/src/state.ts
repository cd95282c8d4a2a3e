import { privateFolderField } from '@todo-deploy/runtime/private-folder';

export const ACTION = 'build-images';

/** What main leaves for the post step: the private folder of the registry credentials file. */
export const stateSchema = { folder: privateFolderField(ACTION) };
