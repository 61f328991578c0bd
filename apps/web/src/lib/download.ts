import { api, type RequestOptions } from './api-client';

/**
 * Hands a blob to the browser as a file: an object URL on a temporary `<a download>`.
 * The URL is revoked a little later (Safari drops downloads whose URL is revoked at once).
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface DownloadRequest {
  /** Under /api/v1, e.g. `/exports/orders`. */
  path: string;
  query?: RequestOptions['query'];
  /** Sent as JSON with a POST (e.g. a PDF report with its chart); GET without one. */
  body?: unknown;
  /** When the answer names no file. */
  fallbackName: string;
  signal?: AbortSignal;
}

/**
 * Downloads an attachment of the API. Exports need the bearer token, which a bare
 * link would not send, so the file comes through the API client as a blob.
 * Rejects with the client's ApiError (e.g. 403, 400) like any other request.
 */
export async function downloadFile({
  path,
  query,
  body,
  fallbackName,
  signal,
}: DownloadRequest): Promise<string> {
  const options: RequestOptions = { ...(query ? { query } : {}), ...(signal ? { signal } : {}) };
  const file =
    body === undefined ? await api.getFile(path, options) : await api.postFile(path, body, options);
  const fileName = file.fileName ?? fallbackName;
  saveFile(file.blob, fileName);
  return fileName;
}
