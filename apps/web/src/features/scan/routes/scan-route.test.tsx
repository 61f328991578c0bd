import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  ErrorCode,
  Order,
  OrderStatus,
  Role,
  ScanResult,
  StatusChangeBody,
} from '@gestco/contract';
import {
  buildClient,
  buildOrder,
  buildOrderSummary,
  buildTokens,
  buildUser,
  problem,
} from '@/testing/data';
import { API, problemResponse, refreshAs } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

/* The decoder: the test says when it "reads" a code. */
const camera = vi.hoisted(() => ({
  read: null as ((text: string) => void) | null,
  resets: 0,
}));
vi.mock('@zxing/library', () => ({
  BrowserQRCodeReader: class {
    timeBetweenDecodingAttempts = 0;
    async decodeFromStream(
      _stream: MediaStream,
      _video: HTMLVideoElement,
      callback: (result: { getText(): string } | null) => void,
    ) {
      camera.read = (text) => callback({ getText: () => text });
    }
    reset() {
      camera.resets += 1;
      camera.read = null;
    }
  },
}));

beforeAll(() => import('./scan-route'));

const REFERENCE = 'CMD-2026-000001';

/** GET /scan/resolve answers from `state.result`; POST /orders/:id/status is recorded. */
function scanApi(result: ScanResult, role: Role = 'operator') {
  const state = {
    result,
    codes: [] as string[],
    bodies: [] as (StatusChangeBody & { version?: number })[],
  };
  server.use(
    refreshAs(buildUser({ id: 7, name: 'Paul Leroy', role })),
    http.get(`${API}/scan/resolve`, ({ request }) => {
      state.codes.push(new URL(request.url).searchParams.get('code') ?? '');
      return HttpResponse.json(state.result);
    }),
  );
  return state;
}

const orderResult = (overrides: Partial<Order> = {}): ScanResult => ({
  kind: 'order',
  order: buildOrder(overrides),
});

const actionNames = () =>
  screen
    .queryAllByRole('button', { name: new RegExp(`${REFERENCE}$`) })
    .map((button) => button.textContent?.replace(/\s+/g, ' '));

const statusOf = () => within(screen.getByRole('article')).getAllByRole('status')[0]!;

afterEach(() => {
  window.localStorage.clear();
  Reflect.deleteProperty(navigator, 'mediaDevices');
  Reflect.deleteProperty(window, 'isSecureContext');
  Reflect.deleteProperty(navigator, 'vibrate');
  camera.read = null;
  camera.resets = 0;
});

describe('scan view: an order', () => {
  it.each<[OrderStatus, string[]]>([
    ['pending', [`Passer en cours ${REFERENCE}`, `Annuler la commande ${REFERENCE}`]],
    ['in_progress', [`Expédier ${REFERENCE}`, `Annuler la commande ${REFERENCE}`]],
    ['shipped', [`Terminer ${REFERENCE}`]],
    ['completed', []],
    ['cancelled', []],
  ])('offers one large button per next status of a %s order', async (status, expected) => {
    scanApi(orderResult({ status }));
    renderApp(`/scan?code=${REFERENCE}`);
    expect(await screen.findByRole('heading', { level: 2, name: REFERENCE })).toBeVisible();
    expect(screen.getByRole('heading', { level: 1, name: 'Scanner' })).toBeVisible();
    expect(actionNames()).toEqual(expected);
    if (expected.length === 0) {
      expect(
        screen.getByText('Statut final : plus rien à faire sur cette commande.'),
      ).toBeVisible();
    }
    // The order as a person on the floor checks it: client, lines.
    expect(screen.getByText('Boulangerie Dupont')).toBeVisible();
    expect(screen.getByText('Perceuse à percussion 750 W')).toBeVisible();
    expect(screen.getByRole('heading', { name: '2 articles' })).toBeVisible();
    // No staff chrome: no sidebar navigation, a way back to the desk.
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Retour aux commandes' })).toHaveAttribute(
      'href',
      '/orders',
    );
  });

  it('shows the buttons but lets a viewer only read', async () => {
    scanApi(orderResult(), 'viewer');
    renderApp(`/scan?code=${REFERENCE}`);
    await screen.findByRole('heading', { level: 2, name: REFERENCE });
    expect(actionNames()).toEqual([]);
    expect(screen.getByText(/Votre rôle permet de consulter/)).toBeVisible();
  });

  it('moves a pending order on after the stock and email questions, showing the new status at once', async () => {
    const state = scanApi(orderResult());
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.post(`${API}/orders/1/status`, async ({ request }) => {
        state.bodies.push((await request.json()) as StatusChangeBody);
        await answered;
        return HttpResponse.json(
          buildOrder({
            status: 'in_progress',
            allowedStatuses: ['shipped', 'cancelled'],
            stockState: 'deducted',
            version: 2,
          }),
        );
      }),
    );
    const { user } = renderApp(`/scan?code=${REFERENCE}`);
    await user.click(await screen.findByRole('button', { name: `Passer en cours ${REFERENCE}` }));

    const dialog = await screen.findByRole('dialog', { name: `Passer ${REFERENCE} en cours` });
    const stock = within(dialog).getByRole('group', { name: 'Déduire le stock' });
    expect(within(stock).getByText('Les 2 articles de la commande seront retirés du stock.'));
    expect(within(stock).getByRole('radio', { name: 'Oui' })).toBeChecked();
    // As the notifications settings say for "in progress": unticked.
    const notify = within(dialog).getByRole('checkbox', { name: 'Envoyer un email au client' });
    expect(notify).not.toBeChecked();
    await user.click(notify);
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));

    // Optimistic: the dialog is gone and the new status shows before the server answers.
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(statusOf()).getByText('En cours')).toBeVisible();
    expect(within(statusOf()).getByText('Enregistrement…')).toBeVisible();
    expect(actionNames()).toEqual([`Expédier ${REFERENCE}`, `Annuler la commande ${REFERENCE}`]);
    await waitFor(() => expect(state.bodies).toHaveLength(1));
    expect(state.bodies[0]).toEqual({
      status: 'in_progress',
      version: 1,
      notify: true,
      stock: 'apply',
      channel: 'scan',
    });

    answer();
    expect(await screen.findByText(`Commande ${REFERENCE} : En cours.`)).toBeInTheDocument();
    await waitFor(() =>
      expect(within(statusOf()).queryByText('Enregistrement…')).not.toBeInTheDocument(),
    );
    expect(within(statusOf()).getByText('En cours')).toBeVisible();
  });

  it('asks why before skipping the stock deduction', async () => {
    const state = scanApi(orderResult());
    server.use(
      http.post(`${API}/orders/1/status`, async ({ request }) => {
        state.bodies.push((await request.json()) as StatusChangeBody);
        return HttpResponse.json(buildOrder({ status: 'in_progress', version: 2 }));
      }),
    );
    const { user } = renderApp(`/scan?code=${REFERENCE}`);
    await user.click(await screen.findByRole('button', { name: `Passer en cours ${REFERENCE}` }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Non' }));
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));
    expect(within(dialog).getByText("Indiquez un motif d'au moins 3 caractères.")).toBeVisible();
    expect(state.bodies).toEqual([]);

    await user.type(
      within(dialog).getByLabelText('Pourquoi ne pas toucher au stock ?'),
      'Déjà sorti à la main',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Passer en cours' }));
    await waitFor(() => expect(state.bodies).toHaveLength(1));
    expect(state.bodies[0]).toMatchObject({
      status: 'in_progress',
      stock: 'skip',
      stockReason: 'Déjà sorti à la main',
      channel: 'scan',
    });
  });

  it('says someone else moved the order meanwhile on a 409, and shows where it is now', async () => {
    const state = scanApi(orderResult());
    server.use(
      http.post(`${API}/orders/1/status`, () => {
        // A colleague shipped it from the desk a moment ago.
        state.result = orderResult({
          status: 'shipped',
          allowedStatuses: ['completed'],
          version: 3,
        });
        return problemResponse(problem(409, 'VERSION_CONFLICT'));
      }),
    );
    const { user } = renderApp(`/scan?code=${REFERENCE}`);
    await user.click(
      await screen.findByRole('button', { name: `Annuler la commande ${REFERENCE}` }),
    );
    const dialog = await screen.findByRole('dialog', { name: `Annuler ${REFERENCE}` });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler la commande' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Quelqu'un d'autre a modifié cette commande entre-temps");
    expect(alert).toHaveTextContent("Rien n'a été enregistré");
    await waitFor(() => expect(within(statusOf()).getByText('Expédiée')).toBeVisible());
    expect(actionNames()).toEqual([`Terminer ${REFERENCE}`]);
    expect(state.codes).toHaveLength(2); // read again after the refusal
  });

  it('puts the status back and lists the shortages on INSUFFICIENT_STOCK', async () => {
    scanApi(orderResult());
    server.use(
      http.post(`${API}/orders/1/status`, () =>
        problemResponse(
          problem(409, 'INSUFFICIENT_STOCK', {
            shortages: [{ productId: 1, sku: 'PER-750', requested: 2, available: 1 }],
          }),
        ),
      ),
    );
    const { user } = renderApp(`/scan?code=${REFERENCE}`);
    await user.click(await screen.findByRole('button', { name: `Passer en cours ${REFERENCE}` }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Passer en cours' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Stock insuffisant');
    expect(alert).toHaveTextContent('PER-750 : 2 demandé(s), 1 disponible(s)');
    expect(alert).toHaveTextContent('en répondant « Non » à la question du stock');
    expect(within(statusOf()).getByText('En attente')).toBeVisible();
  });
});

describe('scan view: a client', () => {
  const clientResult: ScanResult = {
    kind: 'client',
    client: buildClient(),
    openOrders: [
      buildOrderSummary({ id: 1, reference: REFERENCE, status: 'pending' }),
      buildOrderSummary({
        id: 2,
        reference: 'CMD-2026-000002',
        status: 'in_progress',
        version: 4,
        lineCount: 3,
      }),
    ],
  };

  it('lists the open orders with their buttons and ships one with its carrier', async () => {
    const state = scanApi(clientResult);
    const full = buildOrder({
      id: 2,
      reference: 'CMD-2026-000002',
      status: 'in_progress',
      allowedStatuses: ['shipped', 'cancelled'],
      stockState: 'deducted',
      carrier: null,
      version: 4,
    });
    server.use(
      http.get(`${API}/orders/2`, () => HttpResponse.json(full)),
      http.post(`${API}/orders/2/status`, async ({ request }) => {
        state.bodies.push((await request.json()) as StatusChangeBody);
        return HttpResponse.json({ ...full, status: 'shipped', version: 5 });
      }),
    );
    const { user } = renderApp('/scan?code=K7M2QX');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Boulangerie Dupont' }),
    ).toBeVisible();
    const orders = screen.getByRole('region', { name: 'Commandes en cours (2)' });
    expect(within(orders).getAllByRole('listitem')).toHaveLength(2);
    expect(within(orders).getByRole('button', { name: `Passer en cours ${REFERENCE}` }));
    expect(within(orders).getByText(/3 lignes/)).toBeVisible();

    await user.click(within(orders).getByRole('button', { name: 'Expédier CMD-2026-000002' }));
    const dialog = await screen.findByRole('dialog', { name: 'Expédier CMD-2026-000002' });
    // The carrier of the shipping method (Colissimo → La Poste), as on the desk.
    expect(await within(dialog).findByLabelText('Transporteur')).toHaveValue('La Poste');
    // Shipped emails start ticked (notifications settings).
    expect(
      within(dialog).getByRole('checkbox', { name: 'Envoyer un email au client' }),
    ).toBeChecked();
    await user.type(within(dialog).getByLabelText('Numéro de suivi'), '6A123');
    await user.click(within(dialog).getByRole('button', { name: "Confirmer l'expédition" }));

    await waitFor(() => expect(state.bodies).toHaveLength(1));
    expect(state.bodies[0]).toEqual({
      status: 'shipped',
      version: 4,
      notify: true,
      carrier: 'La Poste',
      trackingCode: '6A123',
      channel: 'scan',
    });
    expect(await screen.findByText('Commande CMD-2026-000002 : Expédiée.')).toBeInTheDocument();
  });

  it('notices in the confirmation that the order changed since the list was shown', async () => {
    const state = scanApi(clientResult);
    server.use(
      http.get(`${API}/orders/2`, () =>
        HttpResponse.json(buildOrder({ id: 2, status: 'shipped', version: 5 })),
      ),
    );
    const { user } = renderApp('/scan?code=K7M2QX');
    await user.click(await screen.findByRole('button', { name: 'Expédier CMD-2026-000002' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /a modifié cette commande depuis son affichage/,
    );
    expect(within(dialog).getByText('Expédiée')).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Recharger la commande' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(state.codes).toHaveLength(2));
  });
});

describe('scan view: codes that lead nowhere', () => {
  it.each<[string, number, ErrorCode, RegExp]>([
    [
      'hello world',
      422,
      'CODE_NOT_RECOGNISED',
      /Code non reconnu.*« hello world » n'est ni un code client ni une référence de commande/,
    ],
    [
      'https://example.com/produit/12',
      422,
      'FOREIGN_CODE',
      /QR code d'un autre site.*renvoie vers example\.com, pas vers ce Gestco/,
    ],
    ['K7M2QX', 409, 'CLIENT_ARCHIVED', /Client archivé.*Désarchivez-le depuis sa fiche/],
    [
      'CMD-2026-999999',
      404,
      'ORDER_NOT_FOUND',
      /Aucune commande n'a la référence « CMD-2026-999999 »/,
    ],
    [
      'http://localhost:3000/s/c/ZZZZZZ',
      404,
      'CLIENT_NOT_FOUND',
      /Client introuvable.*Aucun client n'a le code « ZZZZZZ »/,
    ],
  ])('explains %s (%i %s) in plain words', async (code, status, errorCode, message) => {
    server.use(
      refreshAs(buildUser()),
      http.get(`${API}/scan/resolve`, () => problemResponse(problem(status, errorCode))),
    );
    renderApp(`/scan?code=${encodeURIComponent(code)}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.getByRole('button', { name: 'Scanner un autre code' })).toBeVisible();
  });
});

describe('scan view: camera and manual entry', () => {
  it('falls back to typing when the browser has no camera, and remembers the last scans', async () => {
    const state = scanApi({ kind: 'client', client: buildClient(), openOrders: [] });
    const { user } = renderApp('/scan');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ce navigateur ne donne pas accès à la caméra',
    );

    const field = screen.getByLabelText('Code client ou référence de commande');
    await user.click(screen.getByRole('button', { name: 'Ouvrir' }));
    expect(field).toHaveAccessibleDescription(/Saisissez un code client/);
    expect(state.codes).toEqual([]);

    await user.type(field, ' k7m2qx {Enter}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Boulangerie Dupont' }),
    ).toBeVisible();
    expect(state.codes).toEqual(['k7m2qx']);
    expect(screen.getByText('Aucune commande en cours pour ce client.')).toBeVisible();

    const recent = screen.getByRole('region', { name: 'Derniers scans' });
    expect(within(recent).getByRole('button', { name: /Boulangerie Dupont\s*Client/ }));
    expect(JSON.parse(window.localStorage.getItem('gestco.scan.recent.7') ?? '[]')).toEqual([
      expect.objectContaining({ code: 'k7m2qx', kind: 'client', label: 'Boulangerie Dupont' }),
    ]);

    // Back to the camera; one tap on a recent scan opens it again.
    await user.click(screen.getByRole('button', { name: 'Scanner un autre code' }));
    expect(screen.queryByRole('heading', { level: 2, name: 'Boulangerie Dupont' })).toBeNull();
    await user.click(
      within(screen.getByRole('region', { name: 'Derniers scans' })).getByRole('button', {
        name: /Boulangerie Dupont/,
      }),
    );
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Boulangerie Dupont' }),
    ).toBeVisible();
  });

  it('explains that the camera needs HTTPS on a page that is not secure', async () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    scanApi(orderResult());
    renderApp('/scan');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Pas de caméra sur une page non sécurisée');
    expect(alert).toHaveTextContent(/pages en HTTPS \(ou à localhost/);
  });

  it.each([
    ['NotAllowedError', 'Accès à la caméra refusé', true],
    ['NotFoundError', 'Aucune caméra trouvée', false],
    ['NotReadableError', 'La caméra est déjà utilisée', true],
  ])('says what to do when the camera fails with %s', async (name, title, retry) => {
    const getUserMedia = vi.fn().mockRejectedValue(new DOMException('no', name));
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia },
      configurable: true,
    });
    scanApi(orderResult());
    const { user } = renderApp('/scan');
    expect(await screen.findByRole('alert')).toHaveTextContent(title);
    expect(getUserMedia).toHaveBeenCalledWith({
      audio: false,
      video: expect.objectContaining({ facingMode: { ideal: 'environment' } }),
    });
    if (!retry) {
      expect(screen.queryByRole('button', { name: 'Réessayer' })).not.toBeInTheDocument();
      return;
    }
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(getUserMedia).toHaveBeenCalledTimes(2));
  });

  it('reads a flashcode with the camera, buzzes, opens the order and stops the camera', async () => {
    const track = {
      stop: vi.fn(),
      getCapabilities: () => ({ torch: true }),
      applyConstraints: vi.fn().mockResolvedValue(undefined),
    };
    const stream = { getVideoTracks: () => [track], getTracks: () => [track] };
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia: vi.fn().mockResolvedValue(stream) },
      configurable: true,
    });
    const vibrate = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
    const state = scanApi(orderResult());
    const { user } = renderApp('/scan');

    expect(await screen.findByText('Visez le QR code dans le cadre : il est lu tout seul.'));
    const torch = screen.getByRole('button', { name: 'Lampe' });
    expect(torch).toHaveAttribute('aria-pressed', 'false');
    await user.click(torch);
    expect(track.applyConstraints).toHaveBeenCalledWith({ advanced: [{ torch: true }] });
    expect(torch).toHaveAttribute('aria-pressed', 'true');

    act(() => camera.read?.(`http://localhost:3000/s/o/${REFERENCE}`));
    expect(await screen.findByRole('heading', { level: 2, name: REFERENCE })).toBeVisible();
    expect(state.codes).toEqual([`http://localhost:3000/s/o/${REFERENCE}`]);
    expect(vibrate).toHaveBeenCalled();
    expect(track.stop).toHaveBeenCalled();
    expect(camera.resets).toBeGreaterThan(0);
  });
});

describe('flashcode links /s/c/:code and /s/o/:reference', () => {
  it('sends a signed-out person to the login, then back to what the code names', async () => {
    const state = scanApi({ kind: 'client', client: buildClient(), openOrders: [] });
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        problemResponse(problem(401, 'REFRESH_TOKEN_INVALID')),
      ),
      http.post(`${API}/auth/login`, () => HttpResponse.json(buildTokens(buildUser()))),
    );
    const { user, router } = renderApp('/s/c/K7M2QX');
    await user.type(await screen.findByLabelText('Adresse e-mail'), 'claire.martin@example.fr');
    await user.type(screen.getByLabelText('Mot de passe'), 'correct horse battery{Enter}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Boulangerie Dupont' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/s/c/K7M2QX');
    expect(screen.getByRole('heading', { level: 1, name: 'Client' })).toBeVisible();
    expect(state.codes).toEqual(['K7M2QX']);
  });

  it('opens an order from its link with the same buttons as a scan', async () => {
    scanApi(orderResult({ status: 'shipped', allowedStatuses: ['completed'] }));
    renderApp(`/s/o/${REFERENCE}`);
    expect(await screen.findByRole('heading', { level: 2, name: REFERENCE })).toBeVisible();
    expect(actionNames()).toEqual([`Terminer ${REFERENCE}`]);
    expect(screen.getByRole('link', { name: 'Ouvrir le scanner' })).toHaveAttribute(
      'href',
      '/scan',
    );
  });
});
