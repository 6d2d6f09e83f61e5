import { createServer, ServerResponse, type OutgoingHttpHeader, type OutgoingHttpHeaders, type RequestListener } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';

export interface Listening {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /**
   * Stops accepting connections and lets every request in flight finish within `graceMs`; each answer
   * from then on says `Connection: close`. Resolves once every connection has closed, cutting what is
   * left at `graceMs` (ms, default 10000).
   */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** Receiving one request, headers and body, ms: a slower client is answered 408 and disconnected (Config.requestBodyTimeoutMs). */
  requestTimeoutMs: number;
}

/** How long an idle keep-alive connection stays open, ms; clients are told, so none reuses one Node is closing. */
const KEEP_ALIVE_MS = 5000;

/*
 * Draining. Node's own `server.close()` destroys every idle keep-alive connection at once, and a client
 * may be sending a request on one at that moment: it sees a reset for a request it cannot tell was
 * never read. So only the listening socket is closed (net.Server's close), and connections end one by
 * one as HTTP lets them: each answer after close carries `Connection: close` and Node ends its
 * connection once it is written, while an idle connection ends at the keep-alive timeout the client was
 * told (`Keep-Alive: timeout=5`), or earlier, with its next request's answer. A client never sees a
 * connection cut under a request it sent; a new connection is refused. What is still open at the
 * grace is cut. Node counts the connections itself (net.Server emits 'close' after the last one, and
 * http.Server can cut them all): a set of sockets here would churn with every connection, and on
 * Node 20 that kept each one's objects through a second young-generation GC (docs/bench-results.md).
 */

/** Serves `handler` on host:port (0 picks a free port). */
export async function listen(handler: RequestListener, options: ListenOptions): Promise<Listening> {
  const { requestTimeoutMs } = options;
  let closing = false;
  /*
   * Every answer whose head is written after close says `Connection: close`, whenever its request came.
   * Said here, when the head is written, rather than by keeping each response in a set until it closes:
   * a set of that many short-lived objects kept each request's objects through a second young-generation
   * GC, and old space filled with them (docs/bench-results.md, What holds memory).
   */
  class Response extends ServerResponse {
    override writeHead(statusCode: number, statusMessage?: string, headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]): this;
    override writeHead(statusCode: number, headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]): this;
    override writeHead(...args: unknown[]): this {
      if (closing && !this.headersSent) this.setHeader('connection', 'close');
      return super.writeHead.apply(this, args as Parameters<ServerResponse['writeHead']>);
    }
  }
  const server = createServer(
    {
      ServerResponse: Response,
      keepAliveTimeout: KEEP_ALIVE_MS,
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // How often Node checks those two timeouts, ms (its default, 30 s, would let a slow client stay that long).
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
    },
    handler,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`,
    close: async (graceMs = 10_000) => {
      closing = true;
      const drained = new Promise<void>((resolve) => server.once('close', () => resolve()));
      NetServer.prototype.close.call(server);
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      await drained;
      clearTimeout(cut);
      // Node's own close, now that nothing is open: it ends its timeout checks.
      server.close();
    },
  };
}
