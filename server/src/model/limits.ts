// Size limits on what the engine reads: every file may have been written by an attacker.

/**
 * The size limit on one file, on disk or open in the editor. Analysis holds about fifty times
 * a file's size in memory; real Terraform files stay far below this.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The limit on the `.tf` files of one module folder in all: files past it are not analysed. */
export const MAX_MODULE_BYTES = 20 * 1024 * 1024;
