/**
 * Whether uploaded bytes are a PDF document, by their content, not their name or declared type:
 * the PDF header within the first kilobyte (as readers allow) and the end-of-file mark within the
 * last one (a file cut short, or of another kind, has neither).
 */
export function isPdf(file: Buffer): boolean {
  return (
    file.subarray(0, 1024).indexOf('%PDF-') >= 0 && file.subarray(Math.max(0, file.length - 1024)).indexOf('%%EOF') >= 0
  );
}

/**
 * A PDF's file name that is safe in a header and a page: no folders, quotes or control
 * characters, at most 150 characters, ending in `.pdf` (`fallback` when nothing is left).
 */
export function pdfFileName(given: string, fallback: string): string {
  const base = given
    .replace(/\p{Cc}|["\\/<>]/gu, '')
    .trim()
    .slice(0, 150);
  if (!base) return `${fallback}.pdf`;
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/** The `Content-Disposition` of a file sent as a download: an ASCII name, and the exact one in UTF-8. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|"/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
