import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import {
  IdParams,
  QrImageQuery,
  QrLabels,
  QrLabelsQuery,
  ROLES,
  ScanResolveQuery,
  ScanResult,
} from '@gestco/contract';
import type { QrFormat, ScanService } from './scan-service.ts';

const read = { access: { roles: ROLES } };
const problem = (description: string) => ({ $ref: 'Problem#', description });

const imageResponse = (format: QrFormat) => ({
  200: {
    description: format === 'svg' ? 'SVG document' : 'PNG image',
    content: {
      [format === 'svg' ? 'image/svg+xml' : 'image/png']: {
        schema: Type.String({ format: 'binary' }),
      },
    },
  },
  404: problem('No such client or order'),
});

function sendImage(
  reply: FastifyReply,
  format: QrFormat,
  { body, fileName }: { body: string | Buffer; fileName: string },
  download?: boolean,
) {
  return reply
    .type(format === 'svg' ? 'image/svg+xml' : 'image/png')
    .header('cache-control', 'private, max-age=300')
    .header(
      'content-disposition',
      `${download ? 'attachment' : 'inline'}; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
    )
    .send(body);
}

export const scanRoutes: FastifyPluginAsyncTypebox<{ scanService: ScanService }> = async (
  app,
  { scanService: scan },
) => {
  app.get(
    '/scan/resolve',
    {
      config: read,
      schema: {
        tags: ['scan'],
        operationId: 'resolveScan',
        summary:
          'What a flashcode (or a typed client code / order reference) names: the order, or the client with their open orders',
        querystring: ScanResolveQuery,
        response: {
          200: ScanResult,
          404: problem('No client or order has this code'),
          409: problem('The client is archived'),
          422: problem('Not a Gestco code, or a code of another site'),
        },
      },
    },
    (request) => scan.resolve(request.query.code),
  );

  app.get(
    '/clients/qr-labels',
    {
      config: read,
      schema: {
        tags: ['scan'],
        operationId: 'getClientQrLabels',
        summary: 'QR labels (SVG) for many clients, to print on an A4 sheet',
        querystring: QrLabelsQuery,
        response: { 200: QrLabels },
      },
    },
    (request) => scan.labels(request.query),
  );

  for (const kind of ['client', 'order'] as const) {
    for (const format of ['svg', 'png'] as const) {
      app.get(
        `/${kind}s/:id/qr.${format}`,
        {
          config: read,
          schema: {
            tags: ['scan'],
            operationId: `get${kind === 'client' ? 'Client' : 'Order'}Qr${format === 'svg' ? 'Svg' : 'Png'}`,
            summary: `The ${kind}'s flashcode as ${format.toUpperCase()} (error correction M, quiet zone)`,
            params: IdParams,
            querystring: QrImageQuery,
            response: imageResponse(format),
          },
        },
        async (request, reply) =>
          sendImage(
            reply,
            format,
            await scan.qr({ kind, id: request.params.id }, format, request.query.size),
            request.query.download,
          ),
      );
    }
  }
};
