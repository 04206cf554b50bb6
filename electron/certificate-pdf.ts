import type { PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { Result } from '../core/contract';
import { AppError, type Core } from '../core';

/**
 * The certificate on paper and as a PDF: one A4 landscape page, the size and margins coming from
 * the print stylesheet's `@page` (renderer/src/styles.css), its colours printed as on screen.
 */
export const CERTIFICATE_PDF_OPTIONS = {
  pageSize: 'A4',
  landscape: true,
  printBackground: true,
  preferCSSPageSize: true,
  margins: { top: 0, bottom: 0, left: 0, right: 0 },
} as const satisfies PrintToPDFOptions;

export const CERTIFICATE_PRINT_OPTIONS = {
  silent: false,
  printBackground: true,
  pageSize: 'A4',
  landscape: true,
} as const satisfies WebContentsPrintOptions;

/** A certificate code as core issues it: two groups of five Crockford base-32 characters. */
const CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** The PDF's file name on the stick, from the code printed on it (so it is also a safe name). */
export function certificatePdfName(code: string): string | null {
  return CODE.test(code) ? `ayil-certificate-${code}.pdf` : null;
}

export interface CertificatePdfDeps {
  /** The page the learner is looking at, as a PDF (webContents.printToPDF of the sender). */
  printToPDF: (options: PrintToPDFOptions) => Promise<Uint8Array>;
  sticks: Core['sticks'];
  saveToStick: Core['saveToStick'];
}

/** Makes the certificate's PDF and writes it onto the chosen stick; errors as the API gives them. */
export async function saveCertificatePdf(deps: CertificatePdfDeps, stickId: unknown, code: unknown): Promise<Result<{ file: string; stick: string }>> {
  const name = typeof code === 'string' ? certificatePdfName(code) : null;
  if (typeof stickId !== 'string' || name === null) return { ok: false, error: { code: 'api.bad_request', params: {} } };
  const stick = deps.sticks().find((s) => s.id === stickId);
  if (!stick) return { ok: false, error: { code: 'drive.not_found', params: { driveId: stickId } } };
  try {
    const pdf = await deps.printToPDF(CERTIFICATE_PDF_OPTIONS);
    await deps.saveToStick(stickId, name, pdf);
    return { ok: true, value: { file: name, stick: stick.label } };
  } catch (error) {
    return { ok: false, error: error instanceof AppError ? error.toApiError() : { code: 'export.write_failed', params: { file: name } } };
  }
}
