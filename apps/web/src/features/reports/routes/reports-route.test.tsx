import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  CreateSavedReportBody,
  ReportResult,
  ReportRow,
  Role,
  SavedReport,
} from '@gestco/contract';
import { buildOrderOptions, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const AT = '2026-03-02T09:30:00.000Z';
const metrics = (overrides: Partial<ReportRow['metrics']> = {}): ReportRow['metrics'] => ({
  orderCount: 0,
  revenueNet: 0,
  revenueGross: 0,
  unitsSold: 0,
  averageBasket: 0,
  refundAmount: 0,
  ...overrides,
});
const row = (key: string | null, value: number, extra: Partial<ReportRow> = {}): ReportRow => ({
  key,
  label: null,
  value,
  metrics: metrics(),
  ...extra,
});

/** An answer of GET /reports/aggregate for the query it was asked. */
function buildResult(query: URLSearchParams, overrides: Partial<ReportResult> = {}): ReportResult {
  const compare = query.get('compare') === 'previous';
  return {
    metric: (query.get('metric') ?? 'revenue_gross') as ReportResult['metric'],
    groupBy: (query.get('groupBy') ?? 'month') as ReportResult['groupBy'],
    period: { from: '2026-01-01', to: '2026-03-31' },
    previousPeriod: compare ? { from: '2025-10-01', to: '2025-12-31' } : null,
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    source: 'facts',
    rows: [
      row('2026-01', 120000, compare ? { previous: 100000, previousKey: '2025-10' } : {}),
      row('2026-02', 0, compare ? { previous: 5000, previousKey: '2025-11' } : {}),
      row('2026-03', 43210, compare ? { previous: 0, previousKey: '2025-12' } : {}),
    ],
    others: null,
    total: metrics({ revenueGross: 163210, orderCount: 7 }),
    previousTotal: compare ? metrics({ revenueGross: 105000, orderCount: 5 }) : null,
    reconciliation: null,
    ...overrides,
  };
}

interface ReportsApiOptions {
  role?: Role;
  saved?: SavedReport[];
  answer?: (query: URLSearchParams) => Response;
}

/** The report, the saved reports and the filter choices; records what the page asked. */
function reportsApi({ role = 'manager', saved = [], answer }: ReportsApiOptions = {}) {
  const state = {
    queries: [] as string[],
    saved: [...saved],
    created: [] as CreateSavedReportBody[],
    deleted: [] as string[],
  };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/reports/aggregate`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      state.queries.push(query.toString());
      return answer ? answer(query) : HttpResponse.json(buildResult(query));
    }),
    http.get(`${API}/reports/saved`, () => HttpResponse.json({ items: state.saved })),
    http.post(`${API}/reports/saved`, async ({ request }) => {
      const body = (await request.json()) as CreateSavedReportBody;
      state.created.push(body);
      const report: SavedReport = {
        id: 10 + state.saved.length,
        name: body.name,
        spec: body.spec,
        createdAt: AT,
        updatedAt: AT,
      };
      state.saved.push(report);
      return HttpResponse.json(report, { status: 201 });
    }),
    http.delete(`${API}/reports/saved/:id`, ({ params }) => {
      state.deleted.push(String(params.id));
      state.saved = state.saved.filter((report) => String(report.id) !== params.id);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${API}/orders/options`, () => HttpResponse.json(buildOrderOptions())),
  );
  return state;
}

// The page is a lazy route: load it once up front, so the first test does not pay for it.
beforeAll(() => import('./reports-route'));

/** The report's table (the chart carries a hidden one of its own, named "Graphique : …"). */
const reportTable = () => screen.getByRole('table', { name: /^(?!Graphique)/ });
const bodyRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) =>
      Array.from(tr.children, (cell) => cell.textContent?.replace(/\s+/g, ' ').trim()).join(' '),
    );

describe('Reports', () => {
  it('restores the whole report from the address: the query, the form and the table', async () => {
    const api = reportsApi({
      role: 'viewer',
      answer: (query) =>
        HttpResponse.json(
          buildResult(query, {
            rows: [row('completed', 12), row('pending', 3), row('cancelled', 1)],
            total: metrics({ orderCount: 16 }),
          }),
        ),
    });
    renderApp('/reports?metric=order_count&groupBy=status&range=this_month&origin=phone&chart=pie');

    const table = await screen.findByRole('table', { name: 'Nombre de commandes par statut' });
    expect(api.queries).toEqual([
      'metric=order_count&groupBy=status&range=this_month&chart=pie&origin=phone',
    ]);
    expect(screen.getByLabelText('Indicateur')).toHaveValue('order_count');
    expect(screen.getByLabelText('Regrouper par')).toHaveValue('status');
    expect(screen.getByLabelText('Période')).toHaveValue('this_month');
    expect(screen.getByLabelText('Graphique')).toHaveValue('pie');
    expect(screen.getByLabelText('Origine')).toHaveValue('phone');
    expect(screen.getByLabelText('Comparer à la période précédente')).not.toBeChecked();
    expect(bodyRows(table)).toEqual(['Terminée 12', 'En attente 3', 'Annulée 1', 'Total 16']);
    expect(screen.getByText('Du 1 janv. 2026 au 31 mars 2026')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Graphique : Nombre de commandes par statut' }),
    ).toBeInTheDocument();
  });

  it('refetches with the new grouping and keeps it in the address', async () => {
    const api = reportsApi();
    const { user, router } = renderApp(
      '/reports?metric=revenue_gross&groupBy=month&range=this_year',
    );
    await screen.findByRole('table', { name: "Chiffre d'affaires TTC par mois" });
    expect(bodyRows(reportTable())).toEqual([
      'janvier 2026 1 200,00 €',
      'février 2026 0,00 €',
      'mars 2026 432,10 €',
      'Total 1 632,10 €',
    ]);

    await user.selectOptions(screen.getByLabelText('Regrouper par'), 'payment_method');
    await waitFor(() =>
      expect(api.queries.at(-1)).toBe(
        'metric=revenue_gross&groupBy=payment_method&range=this_year',
      ),
    );
    expect(router.state.location.search).toBe(
      '?metric=revenue_gross&groupBy=payment_method&range=this_year',
    );
    // Categories are drawn as bars unless another chart is chosen.
    expect(screen.getByLabelText('Graphique')).toHaveValue('bar');

    // Per product, VAT figures do not exist: the metric moves to revenue excl. VAT.
    await user.selectOptions(screen.getByLabelText('Regrouper par'), 'product');
    await waitFor(() =>
      expect(api.queries.at(-1)).toBe('metric=revenue_net&groupBy=product&range=this_year'),
    );
    expect(screen.getByRole('option', { name: "Chiffre d'affaires TTC" })).toBeDisabled();

    // Custom dates start from the period the API resolved.
    await user.selectOptions(screen.getByLabelText('Période'), 'custom');
    await waitFor(() =>
      expect(api.queries.at(-1)).toBe(
        'metric=revenue_net&groupBy=product&from=2026-01-01&to=2026-03-31',
      ),
    );
    expect(screen.getByLabelText('Du')).toHaveValue('2026-01-01');
    expect(screen.getByLabelText('Au')).toHaveValue('2026-03-31');
  });

  it('adds the previous period and the change when comparing', async () => {
    const api = reportsApi();
    const { user } = renderApp('/reports?metric=revenue_gross&groupBy=month&range=last_quarter');
    const table = await screen.findByRole('table', { name: "Chiffre d'affaires TTC par mois" });
    expect(
      within(table).queryByRole('columnheader', { name: 'Évolution' }),
    ).not.toBeInTheDocument();

    await user.click(screen.getByLabelText('Comparer à la période précédente'));
    await waitFor(() => expect(api.queries.at(-1)).toContain('compare=previous'));
    await waitFor(() =>
      expect(
        within(reportTable())
          .getAllByRole('columnheader')
          .map((th) => th.textContent),
      ).toEqual(['Mois', "Chiffre d'affaires TTC", 'Période précédente', 'Évolution']),
    );
    expect(bodyRows(reportTable())).toEqual([
      'janvier 2026 1 200,00 € 1 000,00 € +20 %',
      'février 2026 0,00 € 50,00 € -100 %',
      'mars 2026 432,10 € 0,00 € —',
      'Total 1 632,10 € 1 050,00 € +55,4 %',
    ]);
    expect(screen.getByTestId('report-period')).toHaveTextContent(
      'Du 1 janv. 2026 au 31 mars 2026 · comparé à la période précédente : Du 1 oct. 2025 au 31 déc. 2025',
    );
  });

  it('saves the report under a name, reopens it from the list and deletes it', async () => {
    const monthly: SavedReport = {
      id: 3,
      name: 'Commandes par origine',
      spec: { metric: 'order_count', groupBy: 'origin', range: 'last_30_days' },
      createdAt: AT,
      updatedAt: AT,
    };
    const api = reportsApi({ saved: [monthly] });
    const { user, router } = renderApp(
      '/reports?metric=revenue_gross&groupBy=month&range=this_year&status=completed',
    );
    await screen.findByRole('table', { name: "Chiffre d'affaires TTC par mois" });
    const list = await screen.findByRole('list', { name: 'Rapports enregistrés' });

    await user.click(screen.getByRole('button', { name: 'Enregistrer ce rapport' }));
    const dialog = screen.getByRole('dialog', { name: 'Enregistrer le rapport' });
    await user.type(within(dialog).getByLabelText('Nom'), 'CA terminé 2026');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Rapport « CA terminé 2026 » enregistré.')).toBeInTheDocument();
    expect(api.created).toEqual([
      {
        name: 'CA terminé 2026',
        spec: {
          metric: 'revenue_gross',
          groupBy: 'month',
          range: 'this_year',
          status: 'completed',
        },
      },
    ]);
    const saved = await within(list).findByRole('link', { name: 'CA terminé 2026' });
    expect(saved).toHaveAttribute('aria-current', 'true');

    // Reopening is following its address: the whole spec comes back.
    await user.click(within(list).getByRole('link', { name: 'Commandes par origine' }));
    await screen.findByRole('table', { name: 'Nombre de commandes par origine' });
    expect(router.state.location.search).toBe(
      '?metric=order_count&groupBy=origin&range=last_30_days',
    );
    expect(api.queries.at(-1)).toBe('metric=order_count&groupBy=origin&range=last_30_days');
    expect(screen.getByLabelText('Période')).toHaveValue('last_30_days');

    await user.click(
      screen.getByRole('button', { name: 'Supprimer le rapport Commandes par origine' }),
    );
    const confirm = screen.getByRole('alertdialog', {
      name: 'Supprimer le rapport « Commandes par origine » ?',
    });
    await user.click(within(confirm).getByRole('button', { name: 'Supprimer' }));
    expect(
      await screen.findByText('Rapport « Commandes par origine » supprimé.'),
    ).toBeInTheDocument();
    expect(api.deleted).toEqual(['3']);
    await waitFor(() =>
      expect(
        within(list).queryByRole('link', { name: 'Commandes par origine' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('says under the name that it is already used', async () => {
    reportsApi();
    server.use(
      http.post(`${API}/reports/saved`, () =>
        problemResponse(
          problem(409, 'REPORT_NAME_TAKEN', {
            errors: [{ path: '/name', message: 'is already used by one of your reports' }],
          }),
        ),
      ),
    );
    const { user } = renderApp('/reports');
    await screen.findByRole('table', { name: "Chiffre d'affaires TTC par mois" });
    await user.click(screen.getByRole('button', { name: 'Enregistrer ce rapport' }));
    const dialog = screen.getByRole('dialog', { name: 'Enregistrer le rapport' });
    await user.type(within(dialog).getByLabelText('Nom'), 'Mensuel');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Nom')).toHaveAccessibleDescription(
        /Vous avez déjà un rapport de ce nom|déjà/,
      ),
    );
  });

  it('shows a refused report naming the field: a pie of more than 366 days', async () => {
    const api = reportsApi({
      answer: () =>
        problemResponse(
          problem(400, 'VALIDATION_FAILED', {
            errors: [
              {
                path: '/querystring/chart',
                message: 'pie cannot show 730 days as slices (at most 366)',
              },
            ],
          }),
        ),
    });
    renderApp('/reports?metric=revenue_gross&groupBy=day&from=2024-01-01&to=2025-12-30&chart=pie');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ce rapport ne peut pas être calculé');
    expect(alert).toHaveTextContent(
      'Graphique : un camembert ne peut pas montrer plus de 366 jours',
    );
    expect(api.queries).toEqual([
      'metric=revenue_gross&groupBy=day&from=2024-01-01&to=2025-12-30&chart=pie',
    ]);
    // The chart can be changed right there.
    expect(screen.getByLabelText('Graphique')).toHaveValue('pie');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('tells an operator the reports are not for their role, without asking the API', async () => {
    server.use(refreshAs(buildUser({ role: 'operator' })));
    renderApp('/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rapports' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Les rapports sont réservés aux responsables, aux administrateurs et au rôle lecture.',
    );
    expect(screen.queryByRole('button', { name: /Exporter/ })).not.toBeInTheDocument();
  });

  it('shows the API refusal clearly if a role is refused anyway', async () => {
    reportsApi({ answer: () => problemResponse(problem(403, 'FORBIDDEN')) });
    renderApp('/reports');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Vous n'avez pas les droits nécessaires pour cette action.",
    );
  });

  describe('exports', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    });

    /** The browser side of a download: the blobs handed to an <a download>, by name. */
    function captureDownloads() {
      const files: { name: string; blob: Blob }[] = [];
      const blobs = new Map<string, Blob>();
      vi.stubGlobal(
        'URL',
        Object.assign(class extends URL {}, {
          createObjectURL: (blob: Blob) => {
            const url = `blob:test/${blobs.size}`;
            blobs.set(url, blob);
            return url;
          },
          revokeObjectURL: () => undefined,
        }),
      );
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        files.push({ name: this.download, blob: blobs.get(this.href)! });
      });
      return files;
    }

    it('downloads the table as XLSX with the report in the query, and the PDF with its chart', async () => {
      reportsApi();
      const asked: { xlsx: string[]; pdf: unknown[] } = { xlsx: [], pdf: [] };
      server.use(
        http.get(`${API}/exports/report`, ({ request }) => {
          asked.xlsx.push(new URL(request.url).searchParams.toString());
          return new HttpResponse('PK', {
            headers: {
              'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              'Content-Disposition': `attachment; filename="rapport.xlsx"; filename*=UTF-8''rapport_revenue_gross_month.xlsx`,
            },
          });
        }),
        http.post(`${API}/exports/report/pdf`, async ({ request }) => {
          asked.pdf.push(await request.json());
          return new HttpResponse('%PDF', {
            headers: {
              'Content-Type': 'application/pdf',
              'Content-Disposition': 'attachment; filename="rapport.pdf"',
            },
          });
        }),
      );
      const files = captureDownloads();
      vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(
        'data:image/png;base64,iVBORw0KGgo=',
      );
      const { user } = renderApp('/reports?metric=revenue_gross&groupBy=month&range=this_year');
      await screen.findByRole('table', { name: "Chiffre d'affaires TTC par mois" });

      await user.click(screen.getByRole('button', { name: 'Exporter le tableau' }));
      await user.click(screen.getByRole('button', { name: 'Classeur Excel (XLSX)' }));
      await waitFor(() =>
        expect(files.map((file) => file.name)).toEqual(['rapport_revenue_gross_month.xlsx']),
      );
      expect(asked.xlsx).toEqual([
        'metric=revenue_gross&groupBy=month&range=this_year&format=xlsx&lang=fr',
      ]);

      await user.click(screen.getByRole('button', { name: 'PDF' }));
      await waitFor(() => expect(files.map((file) => file.name)).toContain('rapport.pdf'));
      expect(asked.pdf).toEqual([
        {
          spec: { metric: 'revenue_gross', groupBy: 'month', range: 'this_year' },
          title: "Chiffre d'affaires TTC par mois",
          lang: 'fr',
          chart: 'data:image/png;base64,iVBORw0KGgo=',
        },
      ]);
    });
  });
});
