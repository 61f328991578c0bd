import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API } from '@/testing/handlers';
import { server } from '@/testing/server';
import { fileNameFromDisposition } from './api-client';
import { downloadFile } from './download';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name (RFC 6266) over the ASCII one', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="rapport_ete.pdf"; filename*=UTF-8''rapport_%C3%A9t%C3%A9.pdf`,
      ),
    ).toBe('rapport_été.pdf');
  });

  it('reads a quoted or bare name, and nothing from no header', () => {
    expect(fileNameFromDisposition('attachment; filename="commandes.csv"')).toBe('commandes.csv');
    expect(fileNameFromDisposition('attachment; filename=clients.xlsx')).toBe('clients.xlsx');
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });

  it('falls back on the plain name when the UTF-8 one is malformed', () => {
    expect(
      fileNameFromDisposition(`attachment; filename="a.csv"; filename*=UTF-8''%E0%A4%A.csv`),
    ).toBe('a.csv');
  });
});

describe('downloadFile', () => {
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('posts the body when there is one and names the file itself when the answer does not', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/exports/report/pdf`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } });
      }),
    );
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: () => 'blob:x' });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => {} });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });

    const name = await downloadFile({
      path: '/exports/report/pdf',
      body: { spec: { metric: 'revenue_gross' } },
      fallbackName: 'rapport.pdf',
    });

    expect(name).toBe('rapport.pdf');
    expect(names).toEqual(['rapport.pdf']);
    expect(bodies).toEqual([{ spec: { metric: 'revenue_gross' } }]);
  });
});
