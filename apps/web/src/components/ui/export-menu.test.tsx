import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '@gestco/contract';
import { buildPage, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

interface ExportCall {
  path: string;
  params: URLSearchParams;
  authorization: string | null;
}

/** Every /exports/* answered with a small CSV named like the API names them; records the calls. */
function exportsApi(fileName = 'commandes_2026-03-02.csv') {
  const calls: ExportCall[] = [];
  server.use(
    http.get(`${API}/exports/:kind`, ({ request }) => {
      const url = new URL(request.url);
      calls.push({
        path: url.pathname,
        params: url.searchParams,
        authorization: request.headers.get('Authorization'),
      });
      return new HttpResponse('\ufeffRéférence;Client\r\nCMD-2026-000001;Dupont\r\n', {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${fileName.normalize('NFD').replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        },
      });
    }),
  );
  return calls;
}

/** What the browser was asked to save: the object URL's blob and the link's file name. */
function captureDownloads() {
  const saved: { blob: Blob; name: string }[] = [];
  const blobs = new Map<string, Blob>();
  let next = 0;
  // jsdom has no object URLs and does not navigate: stand in for both.
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (blob: Blob) => {
      const url = `blob:test/${++next}`;
      blobs.set(url, blob);
      return url;
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => {} });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ blob, name: this.download });
  });
  return saved;
}

function signInAs(role: Role) {
  server.use(refreshAs(buildUser({ role })));
}

let saved: { blob: Blob; name: string }[];
beforeEach(() => {
  saved = captureDownloads();
});
afterEach(() => {
  Reflect.deleteProperty(URL, 'createObjectURL');
  Reflect.deleteProperty(URL, 'revokeObjectURL');
});

describe('export menu', () => {
  it('exports the orders of the filters on screen, with the token, as CSV for French Excel', async () => {
    signInAs('manager');
    const calls = exportsApi('commandes_2026-03-02.csv');
    const { user } = renderApp('/orders?status=pending&q=dupont&sort=total');

    const button = await screen.findByRole('button', { name: 'Exporter les commandes' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: 'CSV pour Excel (point-virgule)' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.path).toBe('/api/v1/exports/orders');
    expect(call!.authorization).toBe('Bearer access-1');
    expect(Object.fromEntries(call!.params)).toEqual({
      status: 'pending',
      q: 'dupont',
      format: 'csv',
      separator: 'semicolon',
      lang: 'fr',
    });
    expect(saved[0]!.name).toBe('commandes_2026-03-02.csv');
    expect(await saved[0]!.blob.text()).toContain('CMD-2026-000001;Dupont');
    expect(
      await screen.findByText('Fichier téléchargé : commandes_2026-03-02.csv'),
    ).toBeInTheDocument();
    // Back on the button, the list closed.
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('asks for a workbook or a comma CSV, and keeps the UTF-8 file name', async () => {
    signInAs('viewer');
    const calls = exportsApi('clients_été_2026-03-02.xlsx');
    server.use(http.get(`${API}/clients`, () => HttpResponse.json(buildPage([]))));
    const { user } = renderApp('/clients?status=prospect&temperature=hot');

    await user.click(await screen.findByRole('button', { name: 'Exporter les clients' }));
    await user.click(screen.getByRole('button', { name: 'Classeur Excel (XLSX)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(calls[0]!.path).toBe('/api/v1/exports/clients');
    expect(Object.fromEntries(calls[0]!.params)).toEqual({
      status: 'prospect',
      temperature: 'hot',
      format: 'xlsx',
      lang: 'fr',
    });
    expect(saved[0]!.name).toBe('clients_été_2026-03-02.xlsx');

    await user.click(screen.getByRole('button', { name: 'Exporter les clients' }));
    await user.click(screen.getByRole('button', { name: 'CSV (virgule)' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.params.get('separator')).toBe('comma');
    expect(calls[1]!.params.get('format')).toBe('csv');
  });

  it('closes with Escape, back on its button', async () => {
    signInAs('admin');
    const { user } = renderApp('/orders');
    const button = await screen.findByRole('button', { name: 'Exporter les commandes' });
    await user.click(button);
    expect(screen.getByRole('button', { name: 'CSV (virgule)' })).toBeVisible();
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'CSV (virgule)' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('says why an export failed, in French', async () => {
    signInAs('manager');
    server.use(http.get(`${API}/exports/orders`, () => problemResponse(problem(403, 'FORBIDDEN'))));
    const { user } = renderApp('/orders');
    await user.click(await screen.findByRole('button', { name: 'Exporter les commandes' }));
    await user.click(screen.getByRole('button', { name: 'Classeur Excel (XLSX)' }));

    const toasts = await screen.findByRole('region', { name: 'Messages' });
    expect(
      await within(toasts).findByText("Vous n'avez pas les droits nécessaires pour cette action."),
    ).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });

  it('is not offered to operators (the API refuses them)', async () => {
    signInAs('operator');
    const calls = exportsApi();
    renderApp('/orders');
    expect(await screen.findByRole('heading', { level: 1, name: 'Commandes' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Nouvelle commande/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Exporter/ })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
