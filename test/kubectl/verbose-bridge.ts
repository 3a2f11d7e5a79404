/**
 * The simulated API server as kube-apiserver answers on the wire, for the verbose goldens: a proxy in
 * front of writes-bridge.ts that gives each answer the headers a real server sends (Audit-Id,
 * Cache-Control, API Priority and Fairness uids, the simulated Date; Content-Length below net/http's
 * chunking buffer, chunked above), JSON as the server's encoder writes it (a line break at the end),
 * a Table where the client asks for one (printers-tables.ts), and aggregated discovery
 * (src/kubectl/client/aggregated-discovery.ts). The real kubectl logs these at
 * -v=8; ours builds the same from src/kubectl/client/wire.ts, so the goldens check how kubectl prints
 * them and which requests it sends, not what a real server would put in them.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { clusterOf } from '../../src/sim/cluster/attach';
import type { World } from '../../src/sim/world';
import { goJson } from '../../src/sim/go-json';
import { responseBody, responseHeaders } from '../../src/kubectl/client/wire';
import { serveWorld, type RequestObserver } from './writes-bridge';
import { asTable } from './printers-tables';
import { AGGREGATED_TYPE, aggregatedDiscovery } from '../../src/kubectl/client/aggregated-discovery';

const TABLE_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export async function serveWorldVerbose(world: World, onRequest?: RequestObserver): Promise<{ port: number; close(): Promise<void> }> {
  const inner = await serveWorld(world, onRequest);
  const api = clusterOf(world)!.apiServer;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (path === '/api' || path === '/apis') && (req.headers.accept ?? '').includes('as=APIGroupDiscoveryList')) {
      const text = `${goJson(aggregatedDiscovery(api.discovery(), path === '/api'), false)}\n`;
      res.sendDate = false;
      res.writeHead(200, responseHeaders({ auditId: randomUUID(), contentType: AGGREGATED_TYPE, body: text, dateMs: world.clock.now() }));
      res.end(text);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = httpRequest({ host: '127.0.0.1', port: inner.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        if (/[?&]watch=/.test(req.url ?? '') && answer.statusCode === 200) {
          // A watch streams its events as they come: headers at once, then the stream as it is.
          res.sendDate = false;
          res.writeHead(200, responseHeaders({ auditId: randomUUID(), contentType: 'application/json', body: '', dateMs: world.clock.now(), streaming: true }));
          res.flushHeaders();
          answer.pipe(res);
          return;
        }
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          let text = Buffer.concat(parts).toString('utf8');
          let contentType = String(answer.headers['content-type'] ?? 'application/json');
          const code = answer.statusCode ?? 500;
          if (contentType.startsWith('application/json')) {
            let body = JSON.parse(text) as unknown;
            if (/as=Table/.test(req.headers.accept ?? '') && code === 200 && req.method === 'GET') {
              body = asTable(api, req.url ?? '/', { code, body }, world.clock.now(), () => undefined).body;
              contentType = TABLE_TYPE;
            }
            text = responseBody(body);
          }
          const warnings = ([] as string[]).concat(answer.headers.warning ?? []).map((w) => w.replace(/^299 - "/, '').replace(/"$/, '').replace(/\\"/g, '"').replace(/\\\\/g, '\\'));
          const headers = responseHeaders({ auditId: randomUUID(), contentType, body: text, dateMs: world.clock.now(), warnings });
          res.sendDate = false;
          res.writeHead(code, headers);
          // Above the buffer the real server's answer goes chunked (no Content-Length): written in two parts.
          if (headers['Content-Length']) res.end(text);
          else {
            res.write(text.slice(0, 1));
            res.end(text.slice(1));
          }
        });
      });
      // A client that hangs up (a watch ended by its timeout) ends the forwarded request too.
      forward.on('error', () => res.destroy());
      res.on('close', () => forward.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inner.close();
    },
  };
}
