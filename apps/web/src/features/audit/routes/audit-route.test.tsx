import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Page } from '@gestco/contract';
import { buildAuditEntry, buildUser } from '@/testing/data';
import { API, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

describe("Administration › Journal d'audit", () => {
  it('filters, loads more with the cursor and shows what changed', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      refreshAs(buildUser({ role: 'admin' })),
      http.get(`${API}/audit`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        queries.push(params);
        const body: Page<AuditEntry> = params.get('cursor')
          ? {
              items: [
                buildAuditEntry({
                  id: 2,
                  action: 'user.create',
                  before: null,
                  after: { name: 'Inès' },
                }),
              ],
              nextCursor: null,
              total: 2,
            }
          : { items: [buildAuditEntry({ id: 3 })], nextCursor: 'cursor-2', total: 2 };
        return HttpResponse.json(body);
      }),
    );
    const { user } = renderApp('/admin/audit');
    expect(await screen.findByText('1 affiché(s) sur 2')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Entité'), 'user');
    await user.type(screen.getByLabelText('Action'), 'user.update');
    await user.type(screen.getByLabelText("Identifiant de l'acteur"), '1');
    await user.type(screen.getByLabelText('Du'), '2026-03-01');
    await user.type(screen.getByLabelText('Au'), '2026-03-02');
    await user.click(screen.getByRole('button', { name: 'Appliquer' }));

    await screen.findByText('1 affiché(s) sur 2');
    const filtered = queries.at(-1)!;
    expect(filtered.get('entity')).toBe('user');
    expect(filtered.get('action')).toBe('user.update');
    expect(filtered.get('actorId')).toBe('1');
    expect(filtered.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(filtered.get('to')).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).toISOString());

    await user.click(screen.getByRole('button', { name: 'Charger plus' }));
    expect(await screen.findByText('2 affiché(s) sur 2')).toBeInTheDocument();
    expect(queries.at(-1)!.get('cursor')).toBe('cursor-2');
    expect(queries.at(-1)!.get('entity')).toBe('user');
    expect(screen.queryByRole('button', { name: 'Charger plus' })).not.toBeInTheDocument();

    // The update lists only the changed field, before and after.
    const details = screen
      .getByText('Détails', { selector: '[aria-label="Détails de l\'entrée 3"]' })
      .closest('details')!;
    await user.click(within(details).getByText('Détails'));
    expect(details).toHaveAttribute('open');
    const table = within(details).getByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'role' })).toBeInTheDocument();
    expect(within(table).queryByRole('rowheader', { name: 'name' })).not.toBeInTheDocument();
    expect(within(table).getByText('operator')).toBeInTheDocument();
    expect(within(table).getByText('manager')).toBeInTheDocument();
  });
});
