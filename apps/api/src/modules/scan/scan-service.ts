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

/**
 * Client codes: what the clients API accepts (3–20 of A–Z, 0–9 and dashes, at least one
 * letter); the generated ones are six Crockford base32 characters, a subset.
 */
const CLIENT_CODE = /^(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{2,19}$/;
/** Typed order references: the default format and its like. */
const REFERENCE = /^[A-Z0-9][A-Z0-9/_.-]{2,39}$/;
/** A reference read from one of our own QR codes: whatever the format setting made (printable). */
const SCANNED_REFERENCE = /^[^\s\p{C}](?:[^\p{C}]{0,78}[^\s\p{C}])?$/u;
const NOT_FOUND = new Set(['CLIENT_NOT_FOUND', 'ORDER_NOT_FOUND']);

type Candidate = { kind: 'client' | 'order'; key: string };

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
  /** The company name printed on cards (staff below admin cannot read the settings). */
  businessName: () => Promise<string>;
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

  /** The text a camera read or a person typed → what it may name, most likely first. */
  function parse(raw: string): Candidate[] {
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
            key = decodeURIComponent(url.pathname.slice(SCAN_PATH[kind].length)).toUpperCase();
          } catch {
            throw unrecognised('The code is not a valid address.');
          }
          if (!(kind === 'client' ? CLIENT_CODE : SCANNED_REFERENCE).test(key)) {
            throw unrecognised(
              `"${key.slice(0, 60)}" is not a ${kind === 'client' ? 'client code' : 'order reference'}.`,
            );
          }
          return [{ kind, key }];
        }
      }
      throw unrecognised(
        `${url.pathname} is not a flashcode address (${SCAN_PATH.client}… or ${SCAN_PATH.order}…).`,
      );
    }
    const code = text.toUpperCase().replace(/\s+/g, '');
    const reference = text.toUpperCase().replace(/\s+/g, ' ');
    const candidates: Candidate[] = [];
    if (CLIENT_CODE.test(code)) candidates.push({ kind: 'client', key: code });
    if (REFERENCE.test(reference)) candidates.push({ kind: 'order', key: reference });
    if (candidates.length === 0) {
      throw unrecognised(`"${code.slice(0, 60)}" is neither a client code nor an order reference.`);
    }
    // Default references have dashes; generated client codes never do.
    return code.includes('-') ? candidates.reverse() : candidates;
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

  /** The first candidate that exists; when none does, the "not found" of the likeliest. */
  async function resolveCandidates(candidates: Candidate[]): Promise<ScanResult> {
    let notFound: AppError | undefined;
    for (const { kind, key } of candidates) {
      try {
        return kind === 'order'
          ? { kind: 'order', order: await deps.ordersService.lookup(key) }
          : await clientResult(await deps.clientsService.getByCode(key));
      } catch (error) {
        if (!(error instanceof AppError) || !NOT_FOUND.has(error.code)) throw error;
        notFound ??= error;
      }
    }
    throw notFound!;
  }

  async function render(url: string, format: QrFormat, size = 512) {
    return format === 'svg'
      ? QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' })
      : QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width: size });
  }

  return {
    urlFor,

    resolve(code: string) {
      return resolveCandidates(parse(code));
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
      return { business: { name: await deps.businessName() }, items, skipped };
    },
  };
}
