import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, type StockShortage, errorStatus } from '@gestco/contract';
import { AppError, type ValidationIssue } from '../lib/app-error.ts';

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns ajv errors into `{path, message}` naming the field (JSON pointer). */
export function validationIssues(issues: AjvIssue[], part: string): ValidationIssue[] {
  return issues.map((issue) => {
    let path = issue.instancePath;
    let message = issue.message ?? 'is invalid';
    if (issue.keyword === 'required') path += `/${String(issue.params['missingProperty'])}`;
    if (issue.keyword === 'additionalProperties') {
      path += `/${String(issue.params['additionalProperty'])}`;
      message = 'is not an allowed field';
    }
    const prefix = part === 'body' ? '' : `/${part}`;
    return { path: `${prefix}${path}` || '/', message };
  });
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: {
    errors?: ValidationIssue[];
    existingId?: number;
    status?: number;
    shortages?: StockShortage[];
    allowed?: string[];
  } = {},
) {
  const status = extra.status ?? errorStatus[code];
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://gestco.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.existingId !== undefined ? { existingId: extra.existingId } : {}),
      ...(extra.shortages ? { shortages: extra.shortages } : {}),
      ...(extra.allowed ? { allowed: extra.allowed } : {}),
    });
}

/** One error handler for the whole API; 5xx never leak their text. */
export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler(
    (
      error: FastifyError & { validation?: AjvIssue[]; validationContext?: string },
      request,
      reply,
    ) => {
      if (error instanceof AppError) {
        for (const [k, v] of Object.entries(error.extra.headers ?? {})) reply.header(k, v);
        return sendProblem(request, reply, error.code, error.message, error.extra);
      }
      if (error.validation) {
        const issues = validationIssues(error.validation, error.validationContext ?? 'body');
        const first = issues[0];
        return sendProblem(
          request,
          reply,
          'VALIDATION_FAILED',
          first ? `${first.path} ${first.message}` : 'Invalid request',
          {
            errors: issues,
          },
        );
      }
      switch (error.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return sendProblem(
            request,
            reply,
            'MALFORMED_JSON',
            'The request body is not valid JSON.',
          );
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return sendProblem(
            request,
            reply,
            'PAYLOAD_TOO_LARGE',
            'The request body is larger than 1 MiB.',
          );
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return sendProblem(request, reply, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json.');
      }
      if (error.statusCode === 429) {
        return sendProblem(
          request,
          reply,
          'RATE_LIMITED',
          error.message || 'Too many requests; retry later.',
        );
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        if (error.code === 'FST_ERR_VALIDATION' || error.statusCode === 400) {
          return sendProblem(request, reply, 'VALIDATION_FAILED', error.message);
        }
        return sendProblem(
          request,
          reply,
          error.statusCode === 404 ? 'NOT_FOUND' : 'CONFLICT',
          error.message,
          {
            status: error.statusCode,
          },
        );
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        request,
        reply,
        'INTERNAL',
        'An unexpected error occurred. Quote the request id to support.',
      );
    },
  );
}

export const routeNotFound = (request: FastifyRequest, reply: FastifyReply) =>
  sendProblem(
    request,
    reply,
    'ROUTE_NOT_FOUND',
    `No route ${request.method} ${request.url.split('?')[0]}`,
  );
