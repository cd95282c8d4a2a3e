/** What main leaves for the post step: the folder of the registry credentials file. */
export const AUTH_DIR_STATE = 'authDir';
