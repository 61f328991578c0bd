import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  NotificationTemplate,
  PreviewTemplateBody,
  Role,
  TemplateVariable,
  UpdateTemplateBody,
} from '@gestco/contract';
import { buildNotificationTemplate, buildOrder, buildUser, problem } from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

beforeAll(() => import('./notification-templates-route'));

const variables: TemplateVariable[] = [
  { name: 'client.name', description: 'Nom du client', example: 'Boulangerie Martin' },
  { name: 'order.reference', description: 'Référence de la commande', example: 'CMD-2026-000123' },
  { name: 'order.total', description: 'Total TTC formaté', example: '1 234,56 €' },
];

/** What the API's renderer does, for the names above: the sample order, or order 7. */
function render(text: string, orderId?: number) {
  const values: Record<string, string> = {
    'client.name': orderId === 7 ? 'Garage Martin' : 'Boulangerie Martin',
    'order.reference': orderId === 7 ? 'CMD-2026-000007' : 'CMD-2026-000123',
    'order.total': '1 234,56 €',
  };
  return text.replace(
    /\{\{\s*([a-zA-Z][a-zA-Z0-9_.]*)\s*\}\}/g,
    (_m, name: string) => values[name] ?? '',
  );
}

function unknownIssues(body: Pick<PreviewTemplateBody, 'subject' | 'html' | 'text'>) {
  const known = new Set(variables.map((variable) => variable.name));
  return (['subject', 'html', 'text'] as const).flatMap((part) => {
    const unknown = [...body[part].matchAll(/\{\{\s*([a-zA-Z][a-zA-Z0-9_.]*)\s*\}\}/g)]
      .map((match) => match[1]!)
      .filter((name) => !known.has(name));
    return unknown.length > 0
      ? [{ path: `/${part}`, message: `uses unknown variable(s): {{${unknown.join('}}, {{')}}}` }]
      : [];
  });
}

/** The templates, the variables, the preview and the writes, from mutable state. */
function templatesApi(role: Role = 'manager') {
  const state = {
    templates: [
      buildNotificationTemplate(),
      buildNotificationTemplate({ language: 'en', subject: 'Order {{order.reference}} received' }),
      buildNotificationTemplate({
        event: 'status_shipped',
        subject: 'Commande {{order.reference}} expédiée',
        isDefault: false,
        version: 3,
        updatedAt: '2026-03-01T08:00:00.000Z',
      }),
    ] as NotificationTemplate[],
    previews: [] as PreviewTemplateBody[],
    puts: [] as UpdateTemplateBody[],
    deletes: [] as string[],
    variableLanguages: [] as string[],
  };
  server.use(
    refreshAs(buildUser({ role })),
    http.get(`${API}/notification-templates`, () => HttpResponse.json({ items: state.templates })),
    http.get(`${API}/notification-templates/variables`, ({ request }) => {
      state.variableLanguages.push(new URL(request.url).searchParams.get('language') ?? '');
      return HttpResponse.json({ items: variables });
    }),
    http.post(`${API}/notification-templates/preview`, async ({ request }) => {
      const body = (await request.json()) as PreviewTemplateBody;
      state.previews.push(body);
      const issues = unknownIssues(body);
      if (issues.length > 0)
        return problemResponse(problem(400, 'VALIDATION_FAILED', { errors: issues }));
      return HttpResponse.json({
        subject: render(body.subject, body.orderId),
        html: render(body.html, body.orderId),
        text: render(body.text, body.orderId),
      });
    }),
    http.put(`${API}/notification-templates/:event/:language`, async ({ request, params }) => {
      const body = (await request.json()) as UpdateTemplateBody;
      state.puts.push(body);
      const issues = unknownIssues(body);
      if (issues.length > 0)
        return problemResponse(problem(400, 'VALIDATION_FAILED', { errors: issues }));
      const index = state.templates.findIndex(
        (item) => item.event === params['event'] && item.language === params['language'],
      );
      const current = state.templates[index]!;
      if (current.version !== body.version)
        return problemResponse(problem(409, 'VERSION_CONFLICT'));
      const saved: NotificationTemplate = {
        ...current,
        subject: body.subject,
        html: body.html,
        text: body.text,
        isDefault: false,
        version: current.version + 1,
        updatedAt: '2026-03-04T08:00:00.000Z',
      };
      state.templates[index] = saved;
      return HttpResponse.json(saved);
    }),
    http.delete(`${API}/notification-templates/:event/:language`, ({ params }) => {
      state.deletes.push(`${String(params['event'])}/${String(params['language'])}`);
      const index = state.templates.findIndex(
        (item) => item.event === params['event'] && item.language === params['language'],
      );
      const restored = buildNotificationTemplate({
        event: state.templates[index]!.event,
        subject: 'Commande {{order.reference}} expédiée (défaut)',
      });
      state.templates[index] = restored;
      return HttpResponse.json(restored);
    }),
  );
  return state;
}

const previewRegion = () => screen.getByRole('region', { name: 'Aperçu' });
const previewFrame = () => within(previewRegion()).getByTitle("Aperçu de l'e-mail, version HTML");

describe('Notifications › templates', () => {
  it('edits a template: inserts a variable at the caret, the preview follows, save sends the version', async () => {
    const state = templatesApi();
    const { user } = renderApp('/notifications/templates');

    const subject = await screen.findByLabelText('Objet');
    expect(screen.getByLabelText('Événement')).toHaveValue('order_created');
    expect(screen.getByLabelText('Langue')).toHaveValue('fr');
    expect(screen.getByText('Modèle par défaut, livré avec Gestco.')).toBeInTheDocument();
    // The first preview: the stored template on the sample order.
    await waitFor(() =>
      expect(
        within(previewRegion()).getByText('Commande CMD-2026-000123 enregistrée'),
      ).toBeVisible(),
    );
    expect(previewFrame()).toHaveAttribute('sandbox', '');

    // Described in the reader's language.
    expect(state.variableLanguages).toEqual(['fr']);
    const variablesList = screen.getByRole('region', { name: 'Variables' });
    expect(variablesList).toHaveTextContent('{{order.total}}Total TTC formatéExemple : 1 234,56 €');
    // The caret after "Commande": the variable goes there, not at the end.
    await user.clear(subject);
    await user.type(subject, 'Commande  confirmée');
    subject.focus();
    (subject as HTMLInputElement).setSelectionRange(9, 9);
    await user.click(
      within(variablesList).getByRole('button', { name: 'Insérer {{order.total}}' }),
    );
    expect(subject).toHaveValue('Commande {{order.total}} confirmée');
    expect(subject).toHaveFocus();

    await waitFor(() =>
      expect(within(previewRegion()).getByText('Commande 1 234,56 € confirmée')).toBeVisible(),
    );
    expect(state.previews.at(-1)).toEqual({
      event: 'order_created',
      language: 'fr',
      subject: 'Commande {{order.total}} confirmée',
      html: buildNotificationTemplate().html,
      text: buildNotificationTemplate().text,
    });

    await user.click(screen.getByRole('button', { name: 'Enregistrer le modèle' }));
    expect(await screen.findByText('Modèle enregistré.')).toBeInTheDocument();
    expect(state.puts).toEqual([
      {
        version: 1,
        subject: 'Commande {{order.total}} confirmée',
        html: buildNotificationTemplate().html,
        text: buildNotificationTemplate().text,
      },
    ]);
    expect(await screen.findByText(/Modèle modifié le/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revenir au modèle par défaut' })).toBeEnabled();
  });

  it('shows an unknown variable on the field it is in, from the preview and when saving', async () => {
    const state = templatesApi();
    const { user } = renderApp('/notifications/templates');
    const html = await screen.findByLabelText('Corps HTML');
    await user.type(html, '<p>{{{{client.nom}}</p>');

    await waitFor(() =>
      expect(html).toHaveAccessibleDescription(
        expect.stringContaining(
          'Variable inconnue : {{client.nom}}. Choisissez-la dans la liste des variables.',
        ),
      ),
    );
    expect(html).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Objet')).not.toHaveAttribute('aria-invalid');
    expect(
      await within(previewRegion()).findByText('Aperçu impossible : corrigez les champs signalés.'),
    ).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Enregistrer le modèle' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Certaines informations sont invalides. Vérifiez le formulaire.',
    );
    expect(state.puts).toHaveLength(1);
    expect(html).toHaveAttribute('aria-invalid', 'true');
    // Said on the field, not repeated in the form's alert.
    expect(screen.getByRole('alert')).not.toHaveTextContent('html');
  });

  it('previews on a real order found by its reference', async () => {
    const state = templatesApi();
    server.use(
      http.get(`${API}/orders/lookup`, ({ request }) =>
        new URL(request.url).searchParams.get('reference') === 'CMD-2026-000007'
          ? HttpResponse.json(buildOrder({ id: 7, reference: 'CMD-2026-000007' }))
          : problemResponse(problem(404, 'ORDER_NOT_FOUND')),
      ),
    );
    const { user } = renderApp('/notifications/templates');
    await waitFor(() =>
      expect(
        within(previewRegion()).getByText('Commande CMD-2026-000123 enregistrée'),
      ).toBeVisible(),
    );
    await user.click(within(previewRegion()).getByRole('radio', { name: 'Une commande réelle' }));
    await user.type(
      within(previewRegion()).getByLabelText('Référence de la commande'),
      'cmd-2026-000099{Enter}',
    );
    expect(
      await within(previewRegion()).findByText('Aucune commande ne porte cette référence.'),
    ).toBeVisible();
    const reference = within(previewRegion()).getByLabelText('Référence de la commande');
    await user.clear(reference);
    await user.type(reference, 'CMD-2026-000007');
    await user.click(within(previewRegion()).getByRole('button', { name: 'Afficher' }));
    await waitFor(() =>
      expect(
        within(previewRegion()).getByText('Commande CMD-2026-000007 enregistrée'),
      ).toBeVisible(),
    );
    expect(state.previews.at(-1)).toMatchObject({ orderId: 7 });
  });

  it('reloads the stored version on VERSION_CONFLICT and says so', async () => {
    const state = templatesApi();
    const { user } = renderApp('/notifications/templates?event=status_shipped&language=fr');
    const subject = await screen.findByLabelText('Objet');
    expect(subject).toHaveValue('Commande {{order.reference}} expédiée');
    expect(screen.getByLabelText('Événement')).toHaveDisplayValue('Commande expédiée (modifié)');
    // A colleague saved in the meantime.
    state.templates[2] = { ...state.templates[2]!, subject: 'Expédiée !', version: 4 };
    await user.type(subject, ' aujourd’hui');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le modèle' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('modifiées entre-temps par quelqu');
    await waitFor(() => expect(screen.getByLabelText('Objet')).toHaveValue('Expédiée !'));
    expect(state.puts.map((put) => put.version)).toEqual([3]);
  });

  it('resets to the default template only after confirmation', async () => {
    const state = templatesApi();
    const { user } = renderApp('/notifications/templates?event=status_shipped&language=fr');
    await screen.findByLabelText('Objet');
    await user.click(screen.getByRole('button', { name: 'Revenir au modèle par défaut' }));
    const confirm = screen.getByRole('alertdialog', {
      name: 'Revenir au modèle par défaut « Commande expédiée » (Français) ?',
    });
    await user.click(within(confirm).getByRole('button', { name: 'Annuler' }));
    expect(state.deletes).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Revenir au modèle par défaut' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', {
        name: 'Revenir au modèle par défaut',
      }),
    );
    expect(await screen.findByText('Le modèle par défaut est rétabli.')).toBeInTheDocument();
    expect(state.deletes).toEqual(['status_shipped/fr']);
    await waitFor(() =>
      expect(screen.getByLabelText('Objet')).toHaveValue(
        'Commande {{order.reference}} expédiée (défaut)',
      ),
    );
    expect(screen.getByRole('button', { name: 'Revenir au modèle par défaut' })).toBeDisabled();
  });

  it('switches the template shown from the URL-kept pickers', async () => {
    templatesApi();
    const { user, router } = renderApp('/notifications/templates');
    await screen.findByLabelText('Objet');
    await user.selectOptions(screen.getByLabelText('Langue'), 'en');
    await waitFor(() =>
      expect(screen.getByLabelText('Objet')).toHaveValue('Order {{order.reference}} received'),
    );
    expect(router.state.location.search).toBe('?event=order_created&language=en');
  });

  it('is read-only for operators: no insertion, no save, but the preview', async () => {
    templatesApi('operator');
    renderApp('/notifications/templates');
    const subject = await screen.findByLabelText('Objet');
    expect(
      screen.getByText(
        'Lecture seule : seuls les responsables et les administrateurs modifient les modèles.',
      ),
    ).toBeVisible();
    expect(subject).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Corps HTML')).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: /^Insérer/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer le modèle' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Revenir au modèle par défaut' }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(previewRegion()).getByText('Commande CMD-2026-000123 enregistrée'),
      ).toBeVisible(),
    );
  });
});
