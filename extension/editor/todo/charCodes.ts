/**
 * Character classes over char codes: the scan compares codes, never one-character strings. Codes
 * are literals where used (`10` for `\n`), not imported constants: under tsx an import costs a
 * getter call on every use (see `commentScanner`).
 */

/** ASCII white space, line breaks included. */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

/** ASCII letters, digits and `_`, and anything beyond ASCII. */
export function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code > 127
  );
}
