/**
 * A local stand-in for the DfE children's social care API, for tests: a real HTTP server (node:http,
 * port 0) answering POST /children_social_care_data/{la_code}/children as the spec documents: 401
 * for a wrong bearer, 400 for a body that does not fit the CSC schema (checked with the library's
 * Ajv validator), 413 for more than 100 children, and 200 with a Receipt (a UUID as a JSON string).
 * `failNext` makes the next answers 429 or 5xx (then normal again; `null` in it answers one request
 * normally, to fail a later one). Every request is kept.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateDfePayload, type CscPayload } from '@waypoint/returns';

export interface ReceivedRequest {
  laCode: string;
  authorization: string | undefined;
  body: CscPayload;
  status: number;
  receipt: string | null;
}

export interface DfeReceiver {
  url: string;
  /** The bearer it accepts. */
  apiKey: string;
  received: ReceivedRequest[];
  /** The most children it takes in one request (100, the documented limit); more is a 413. */
  maxChildren: number;
  /** Answers the next requests with these statuses, one each (`null`: normally), then normally. */
  failNext(...statuses: (number | null)[]): void;
  /** Called on each request before it is answered (e.g. to stop a worker mid-push). */
  onRequest: ((r: ReceivedRequest) => void) | undefined;
  close(): Promise<void>;
}

export async function startDfeReceiver(apiKey = 'test-dfe-api-key'): Promise<DfeReceiver> {
  const forced: (number | null)[] = [];
  const received: ReceivedRequest[] = [];
  const receiver: DfeReceiver = {
    url: '',
    apiKey,
    received,
    maxChildren: 100,
    failNext: (...s) => forced.push(...s),
    onRequest: undefined,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/children_social_care_data\/(\d{1,3})\/children$/.exec(req.url ?? '');
      if (req.method !== 'POST' || m === null) {
        res.writeHead(404).end();
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const r: ReceivedRequest = {
        laCode: m[1] ?? '',
        authorization: req.headers.authorization,
        body: (Array.isArray(body) ? body : []) as CscPayload,
        status: 0,
        receipt: null,
      };
      const f = forced.shift();
      if (f !== undefined && f !== null) r.status = f;
      else if (req.headers.authorization !== `Bearer ${apiKey}`) r.status = 401;
      else if (Array.isArray(body) && body.length > receiver.maxChildren) r.status = 413;
      else if (validateDfePayload(body).length > 0) r.status = 400;
      else {
        r.status = 200;
        r.receipt = randomUUID();
      }
      received.push(r);
      receiver.onRequest?.(r);
      if (r.status === 200)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r.receipt));
      else if (r.status === 400)
        res.writeHead(400, { 'content-type': 'text/plain' }).end('Payload was malformed');
      else res.writeHead(r.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return receiver;
}
