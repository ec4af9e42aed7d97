/**
 * A path parameter as the handler should read it. Values may hold characters
 * that must be URL-encoded, and front doors differ in whether they decode path
 * parameters, so a value is decoded when it decodes and taken as it was sent
 * when it does not (a lone "%"): never a URIError, which would answer 500.
 */
export function decodedPathParameter(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
