import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Notification, NotifierStatus, Role } from '@gestco/contract';
import { buildNotification, buildOrder, buildPage, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

beforeAll(() => import('./notifications-route'));

const LOCAL: NotifierStatus = {
  transport: 'local',
  sendgridConfigured: false,
  sender: 'Atelier Dupont <commandes@atelier-dupont.fr>',
  queued: 2,
  failed: 1,
};

const history: Notification[] = [
  buildNotification({
    id: 12,
    subject: 'Votre commande CMD-2026-000001 est expédiée',
    createdAt: '2026-03-02T10:00:00.000Z',
  }),
  buildNotification({
    id: 11,
    event: 'order_created',
    orderId: 2,
    orderReference: 'CMD-2026-000002',
    clientId: 2,
    toEmail: 'garage.martin@example.fr',
    toName: 'Garage Martin',
    subject: 'Commande CMD-2026-000002 enregistrée',
    status: 'failed',
    transport: 'sendgrid',
    attempts: 5,
    providerStatus: 400,
    lastError: 'The to address is invalid.',
    sentAt: null,
    createdAt: '2026-03-01T10:00:00.000Z',
  }),
];

/** GET /notifications (recording its query strings) and the notifier status. */
function notificationsApi({
  role = 'operator' as Role,
  items = history,
  status = LOCAL,
  nextCursor = null as string | null,
} = {}) {
  const seen = { lists: [] as string[] };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/notifications/status`, () => HttpResponse.json(status)),
    http.get(`${API}/notifications`, ({ request }) => {
      const search = new URL(request.url).searchParams;
      seen.lists.push(search.toString());
      return HttpResponse.json(
        search.get('cursor') ? buildPage([], null, 3) : buildPage(items, nextCursor, 3),
      );
    }),
  );
  return seen;
}

const row = (subject: string) =>
  screen.getByRole('button', { name: subject }).closest('tr') as HTMLElement;

describe('Notifications › history', () => {
  it('presents the test outbox when SendGrid is not configured, with sender and counts', async () => {
    const seen = notificationsApi();
    renderApp('/notifications');

    const banner = await screen.findByRole('region', {
      name: "SendGrid n'est pas configuré : boîte d'envoi de test",
    });
    expect(banner).toHaveTextContent('SENDGRID_API_KEY');
    expect(banner).toHaveTextContent('MAIL_FROM');
    expect(banner).toHaveTextContent(/Expéditeur\s*Atelier Dupont <commandes@atelier-dupont\.fr>/);
    expect(banner).toHaveTextContent(/En attente d'envoi\s*2/);
    expect(banner).toHaveTextContent(/En échec\s*1/);

    const table = await screen.findByRole('table', { name: "Boîte d'envoi de test" });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(row('Votre commande CMD-2026-000001 est expédiée')).toHaveTextContent(
      /Boulangerie Dupont.*contact@boulangerie-dupont\.fr.*client.*Commande expédiée.*CMD-2026-000001.*Envoyé/,
    );
    expect(row('Commande CMD-2026-000002 enregistrée')).toHaveTextContent(
      /Garage Martin.*Commande enregistrée.*Échec.*The to address is invalid\./,
    );
    expect(within(table).getByRole('link', { name: 'CMD-2026-000002' })).toHaveAttribute(
      'href',
      '/orders/2',
    );
    expect(screen.getByText('2 affiché(s) sur 3')).toBeInTheDocument();
    expect(seen.lists).toEqual(['limit=50']);
  });

  it('says SendGrid sends when it is configured', async () => {
    notificationsApi({ status: { ...LOCAL, transport: 'sendgrid', sendgridConfigured: true } });
    renderApp('/notifications');
    expect(await screen.findByRole('region', { name: 'Envoi par SendGrid' })).not.toHaveTextContent(
      'SENDGRID_API_KEY',
    );
    expect(await screen.findByRole('table', { name: 'Historique des e-mails' })).toBeVisible();
  });

  it('keeps the filters in the URL and asks the API with them', async () => {
    const seen = notificationsApi();
    const { user, router } = renderApp('/notifications?status=failed');
    await screen.findByRole('table');
    expect(screen.getByLabelText('Statut')).toHaveValue('failed');
    expect(seen.lists).toEqual(['status=failed&limit=50']);

    await user.selectOptions(screen.getByLabelText('Événement'), 'order_created');
    await waitFor(() =>
      expect(router.state.location.search).toBe('?status=failed&event=order_created'),
    );
    await waitFor(() => expect(seen.lists).toContain('status=failed&event=order_created&limit=50'));

    await user.type(screen.getByLabelText('Créés à partir du'), '2026-03-01');
    await waitFor(() => expect(router.state.location.search).toContain('createdFrom=2026-03-01'));
    const last = new URLSearchParams(seen.lists.at(-1));
    // The reader's day, as the instant it starts in their time zone.
    expect(last.get('createdFrom')).toBe(new Date(2026, 2, 1).toISOString());

    await user.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.getByLabelText('Statut')).toHaveValue('');
  });

  it('filters on an order by its reference, found through the lookup', async () => {
    const seen = notificationsApi();
    const lookups: string[] = [];
    server.use(
      http.get(`${API}/orders/lookup`, ({ request }) => {
        const reference = new URL(request.url).searchParams.get('reference') ?? '';
        lookups.push(reference);
        return reference === 'CMD-2026-000007'
          ? HttpResponse.json(buildOrder({ id: 7, reference }))
          : problemResponse(problem(404, 'ORDER_NOT_FOUND'));
      }),
    );
    const { user, router } = renderApp('/notifications');
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Référence de commande'), 'cmd-2026-000007{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?order=CMD-2026-000007'));
    await waitFor(() => expect(seen.lists).toContain('orderId=7&limit=50'));

    // A new reference from the URL replaces the field: find it again.
    const field = screen.getByLabelText('Référence de commande');
    expect(field).toHaveValue('CMD-2026-000007');
    await user.clear(field);
    await user.type(field, 'CMD-2026-999999{Enter}');
    expect(await screen.findByText('Aucune commande ne porte cette référence.')).toBeVisible();
    expect(screen.getByText('Aucun e-mail ne correspond à ces filtres.')).toBeVisible();
    expect(lookups).toEqual(['CMD-2026-000007', 'CMD-2026-999999']);
    expect(seen.lists.filter((query) => query.includes('orderId'))).toEqual(['orderId=7&limit=50']);
  });

  it('loads the next page with the cursor', async () => {
    const seen = notificationsApi({ nextCursor: 'c2' });
    const { user } = renderApp('/notifications');
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Charger plus' }));
    await waitFor(() => expect(seen.lists).toContain('limit=50&cursor=c2'));
  });

  it('retries a failed email, then shows it queued again', async () => {
    let items = history;
    const retried: string[] = [];
    notificationsApi();
    server.use(
      http.get(`${API}/notifications`, () => HttpResponse.json(buildPage(items))),
      http.post(`${API}/notifications/:id/retry`, ({ params }) => {
        retried.push(String(params['id']));
        const notification = { ...history[1]!, status: 'queued' as const, lastError: null };
        items = [history[0]!, notification];
        return HttpResponse.json({ notification, html: null, text: null });
      }),
    );
    const { user } = renderApp('/notifications');
    await screen.findByRole('table');
    expect(
      within(row('Votre commande CMD-2026-000001 est expédiée')).queryByRole('button', {
        name: /^Réessayer/,
      }),
    ).not.toBeInTheDocument();
    await user.click(
      within(row('Commande CMD-2026-000002 enregistrée')).getByRole('button', {
        name: "Réessayer l'envoi à garage.martin@example.fr",
      }),
    );
    expect(
      await screen.findByText(
        "L'e-mail à garage.martin@example.fr est de nouveau dans la file d'envoi.",
      ),
    ).toBeInTheDocument();
    expect(retried).toEqual(['11']);
    await waitFor(() =>
      expect(row('Commande CMD-2026-000002 enregistrée')).toHaveTextContent('En attente'),
    );
  });

  it('says so when a retry is refused because the email is no longer failed', async () => {
    notificationsApi();
    server.use(
      http.post(`${API}/notifications/11/retry`, () => problemResponse(problem(409, 'CONFLICT'))),
    );
    const { user } = renderApp('/notifications');
    await screen.findByRole('table');
    await user.click(
      screen.getByRole('button', { name: "Réessayer l'envoi à garage.martin@example.fr" }),
    );
    expect(
      await screen.findByText("L'opération est en conflit avec l'état actuel des données."),
    ).toBeInTheDocument();
  });

  it('offers no retry to viewers', async () => {
    notificationsApi({ role: 'viewer' });
    renderApp('/notifications');
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: /^Réessayer/ })).not.toBeInTheDocument();
  });

  it('opens an email from the URL: the rendered HTML in a sandboxed frame and the text', async () => {
    notificationsApi();
    server.use(
      http.get(`${API}/notifications/12`, () =>
        HttpResponse.json({
          notification: history[0],
          html: '<p>Bonjour <strong>Boulangerie Dupont</strong></p><script>alert(1)</script>',
          text: 'Bonjour Boulangerie Dupont',
        }),
      ),
    );
    const { user, router } = renderApp('/notifications?open=12');
    const dialog = await screen.findByRole('dialog', { name: "Détail de l'e-mail" });
    expect(
      await within(dialog).findByText(/Boîte d'envoi de test : cet e-mail n'est pas parti/),
    ).toBeVisible();
    expect(dialog).toHaveTextContent('Objet : Votre commande CMD-2026-000001 est expédiée');
    const frame = within(dialog).getByTitle('E-mail à contact@boulangerie-dupont.fr, version HTML');
    // Every restriction on: no script, no same origin, no form, no navigation of the app.
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame.getAttribute('srcdoc')).toContain('<strong>Boulangerie Dupont</strong>');
    expect(within(dialog).getByRole('region', { name: 'Version texte' })).toHaveTextContent(
      'Bonjour Boulangerie Dupont',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Fermer' }));
    expect(dialog).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('opens a failed email with its reason and retries it from the dialog', async () => {
    notificationsApi();
    const retried: number[] = [];
    let current: Notification = history[1]!;
    server.use(
      http.get(`${API}/notifications/11`, () =>
        HttpResponse.json({ notification: current, html: null, text: null }),
      ),
      http.post(`${API}/notifications/11/retry`, () => {
        retried.push(11);
        current = { ...current, status: 'queued', lastError: null, providerStatus: null };
        return HttpResponse.json({ notification: current, html: null, text: null });
      }),
    );
    const { user } = renderApp('/notifications');
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Commande CMD-2026-000002 enregistrée' }));
    const dialog = await screen.findByRole('dialog', { name: "Détail de l'e-mail" });
    expect(await within(dialog).findByText(/HTTP 400/)).toBeVisible();
    expect(dialog).toHaveTextContent('The to address is invalid.');
    expect(dialog).toHaveTextContent(
      "Pas encore mis en forme : l'e-mail le sera au moment de l'envoi.",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(within(dialog).getByText('En attente')).toBeVisible());
    expect(retried).toEqual([11]);
    expect(within(dialog).queryByRole('button', { name: 'Réessayer' })).not.toBeInTheDocument();
  });
});
