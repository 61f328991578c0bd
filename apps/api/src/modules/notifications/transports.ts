import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';

export interface OutgoingEmail {
  outboxId: number;
  to: { email: string; name: string | null };
  from: { email: string; name: string };
  subject: string;
  html: string;
  text: string;
}

/** What a transport says about one send: the notifier turns it into sent / retry / failed. */
export type SendOutcome =
  | { kind: 'sent'; providerStatus: number | null; messageId: string | null }
  | { kind: 'retry'; providerStatus: number | null; error: string; retryAt: Date | null }
  | { kind: 'failed'; providerStatus: number | null; error: string };

export interface Transport {
  name: 'sendgrid' | 'local';
  send(email: OutgoingEmail): Promise<SendOutcome>;
}

/** Without SendGrid: the rendered message is kept on the outbox row ("boîte d'envoi de test"). */
export const localTransport: Transport = {
  name: 'local',
  send: async () => ({ kind: 'sent', providerStatus: null, messageId: null }),
};

interface SendGridError {
  code?: number | string;
  message?: string;
  response?: {
    headers?: Record<string, string>;
    body?: { errors?: { message?: string; field?: string }[] };
  };
}

/** `X-RateLimit-Reset` is epoch seconds: when SendGrid lets us in again. */
function rateLimitReset(headers: Record<string, string> | undefined): Date | null {
  const raw = headers?.['x-ratelimit-reset'] ?? headers?.['X-RateLimit-Reset'];
  const seconds = raw ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}

/**
 * The real `@sendgrid/mail` client; `baseUrl` points it at a stand-in (tests,
 * benchmark). Requests time out (axios waits forever by default): a connection
 * SendGrid never answers would otherwise hold the worker's round, and every
 * email behind it, until a restart. A timeout is a network error: retried.
 */
export function sendgridTransport(
  apiKey: string,
  baseUrl?: string,
  options: { timeoutMs?: number } = {},
): Transport {
  const client = new Client();
  client.setApiKey(apiKey);
  if (baseUrl) client.setDefaultRequest('baseUrl', baseUrl);
  // Passed through to axios; not in the client's request typings.
  client.setDefaultRequest({ timeout: options.timeoutMs ?? 30_000 } as unknown as Parameters<
    Client['setDefaultRequest']
  >[0]);
  const mail = new MailService();
  mail.setClient(client);
  return {
    name: 'sendgrid',
    async send(email) {
      try {
        const [response] = await mail.send({
          to: email.to.name ? { email: email.to.email, name: email.to.name } : email.to.email,
          from: email.from,
          subject: email.subject,
          text: email.text,
          html: email.html,
          customArgs: { outbox_id: String(email.outboxId) },
        });
        const headers = response.headers as Record<string, string | undefined>;
        return {
          kind: 'sent',
          providerStatus: response.statusCode,
          messageId: headers['x-message-id'] ?? null,
        };
      } catch (raw) {
        const error = raw as SendGridError;
        const status = typeof error.code === 'number' ? error.code : null;
        const detail =
          error.response?.body?.errors
            ?.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
            .join('; ') ||
          error.message ||
          'unknown error';
        if (status === null || status === 429 || status >= 500) {
          return {
            kind: 'retry',
            providerStatus: status,
            error: status === null ? `network: ${detail}` : `${status}: ${detail}`,
            retryAt: status === 429 ? rateLimitReset(error.response?.headers) : null,
          };
        }
        return { kind: 'failed', providerStatus: status, error: `${status}: ${detail}` };
      }
    },
  };
}
