import QRCode from 'qrcode';
import {
  OPEN_ORDER_STATUSES,
  QR_LABELS_MAX,
  SCAN_PATH,
  type Client,
  type QrLabel,
  type QrLabels,
  type QrLabelsQuery,
  type ScanResult,
} from '@gestco/contract';
import { AppError } from '../../lib/app-error.ts';
import type { ClientsService } from '../clients/clients-service.ts';
import type { OrdersService } from '../orders/orders-service.ts';

/** Level M recovers ~15 % of a damaged or dirty label; 4 modules of quiet zone is the standard's minimum. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export type QrFormat = 'svg' | 'png';
export type QrTarget = { kind: 'client' | 'order'; id: number };

/** Client codes: six Crockford base32 characters (clients-service). */
const CLIENT_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/;
/** Order references: whatever the format setting makes, but always short and printable. */
const REFERENCE = /^[A-Z0-9][A-Z0-9/_.-]{2,39}$/;

export type ScanService = ReturnType<typeof createScanService>;

/**
 * Flashcodes (decision 0013). A code says which client or order; it grants nothing:
 * every route here needs a staff login, and moving an order goes through the
 * orders status endpoint like any other change.
 */
export function createScanService(deps: {
  publicUrl: string;
  clientsService: ClientsService;
  ordersService: OrdersService;
}) {
  const base = new URL(deps.publicUrl);
  const urlFor = (kind: 'client' | 'order', key: string) =>
    `${deps.publicUrl}${SCAN_PATH[kind]}${encodeURIComponent(key)}`;

  const unrecognised = (detail: string) =>
    new AppError('CODE_NOT_RECOGNISED', detail, {
      errors: [
        { path: '/querystring/code', message: 'is not a Gestco client code or order reference' },
      ],
    });

  /** The text a camera read or a person typed → what it names, or why not. */
  function parse(raw: string): { kind: 'client' | 'order' | 'either'; key: string } {
    const text = raw.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw unrecognised('The code is not a valid address.');
      }
      if (!/^https?:$/.test(url.protocol) || url.host.toLowerCase() !== base.host.toLowerCase()) {
        throw new AppError(
          'FOREIGN_CODE',
          `This QR code points to ${url.host || url.protocol}, not to this Gestco (${base.host}).`,
          { errors: [{ path: '/querystring/code', message: 'belongs to another site' }] },
        );
      }
      for (const kind of ['client', 'order'] as const) {
        if (url.pathname.startsWith(SCAN_PATH[kind])) {
          let key: string;
          try {
            key = decodeURIComponent(url.pathname.slice(SCAN_PATH[kind].length));
          } catch {
            throw unrecognised('The code is not a valid address.');
          }
          return { kind, key: key.toUpperCase() };
        }
      }
      throw unrecognised(
        `${url.pathname} is not a flashcode address (${SCAN_PATH.client}… or ${SCAN_PATH.order}…).`,
      );
    }
    const key = text.toUpperCase().replace(/\s+/g, '');
    return { kind: 'either', key };
  }

  async function clientResult(client: Client): Promise<ScanResult> {
    if (client.archived) {
      throw new AppError(
        'CLIENT_ARCHIVED',
        `Client ${client.code} is archived; unarchive it first.`,
      );
    }
    const page = await deps.ordersService.list({
      clientId: client.id,
      status: OPEN_ORDER_STATUSES.join(','),
      sort: 'createdAt',
      limit: 50,
    });
    return { kind: 'client', client, openOrders: page.items };
  }

  async function resolveKey(kind: 'client' | 'order' | 'either', key: string): Promise<ScanResult> {
    const looksClient = CLIENT_CODE.test(key);
    const looksOrder = REFERENCE.test(key);
    if (
      kind === 'client'
        ? !looksClient
        : kind === 'order'
          ? !looksOrder
          : !looksClient && !looksOrder
    ) {
      throw unrecognised(`"${key.slice(0, 60)}" is neither a client code nor an order reference.`);
    }
    if (
      kind !== 'client' &&
      looksOrder &&
      (kind === 'order' || !looksClient || key.includes('-'))
    ) {
      try {
        return { kind: 'order', order: await deps.ordersService.lookup(key) };
      } catch (error) {
        if (kind === 'order' || !looksClient || !(error instanceof AppError)) throw error;
      }
    }
    return clientResult(await deps.clientsService.getByCode(key));
  }

  async function render(url: string, format: QrFormat, size = 512) {
    return format === 'svg'
      ? QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' })
      : QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width: size });
  }

  return {
    urlFor,

    resolve(code: string) {
      const { kind, key } = parse(code);
      return resolveKey(kind, key);
    },

    /** The QR of a client or an order, and the file name it downloads as. */
    async qr(target: QrTarget, format: QrFormat, size?: number) {
      const key =
        target.kind === 'client'
          ? (await deps.clientsService.get(target.id)).code
          : (await deps.ordersService.get(target.id)).reference;
      return {
        body: await render(urlFor(target.kind, key), format, size),
        fileName: `${key}.${format}`,
      };
    },

    /** A sheet of client labels: the SPA lays them out for A4 printing. */
    async labels(query: QrLabelsQuery): Promise<QrLabels> {
      const clients: Client[] = [];
      const skipped: number[] = [];
      if (query.ids) {
        const ids = [...new Set(query.ids.split(',').map(Number))].slice(0, QR_LABELS_MAX);
        for (const id of ids) {
          const client = await deps.clientsService.get(id).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'CLIENT_NOT_FOUND') return null;
            throw error;
          });
          if (client && !client.archived) clients.push(client);
          else skipped.push(id);
        }
      } else {
        const wanted = query.limit ?? 100;
        let cursor: string | undefined;
        do {
          const page = await deps.clientsService.list({
            status: query.status,
            sort: 'name',
            limit: Math.min(100, wanted - clients.length),
            cursor,
          });
          clients.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor && clients.length < wanted);
      }
      const items: QrLabel[] = await Promise.all(
        clients.map(async (c) => {
          const url = urlFor('client', c.code);
          return {
            clientId: c.id,
            code: c.code,
            name: c.name,
            contactPerson: c.contactPerson,
            city: c.address.city ?? null,
            url,
            svg: (await render(url, 'svg')) as string,
          };
        }),
      );
      return { items, skipped };
    },
  };
}
