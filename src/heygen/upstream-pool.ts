import { Client, Pool, type buildConnector, type Dispatcher } from 'undici';

/**
 * Streams one HTTP/2 connection carries at once: Node's own servers allow 100, and Node's client holds
 * any stream above a server's lower SETTINGS limit until another closes.
 */
export const H2_STREAMS_PER_CONNECTION = 100;

export interface UpstreamPoolOptions {
  /** Origin of the API, e.g. https://api.heygen.com. */
  baseUrl: string;
  /** Calls in flight at once: HTTP/1.1 sockets, or HTTP/2 streams over a hundredth as many connections. */
  connections: number;
  /** For the answer's headers, and again for any pause within its body, ms. */
  timeoutMs: number;
  /** Opening a socket, ms. */
  connectTimeoutMs: number;
  /** Certificates (PEM) to trust besides the system's, e.g. a test server's self-signed one; null: the system's only. */
  ca: string | null;
  /** Offer HTTP/2 (ALPN) on an https origin, and carry many calls on each HTTP/2 connection. */
  http2: boolean;
}

/**
 * A keep-alive undici Pool to HeyGen's origin, `connections` calls at once. On an https origin with
 * `http2`, it offers HTTP/2 first: while the server chooses HTTP/2, a few connections carry
 * H2_STREAMS_PER_CONNECTION calls each (undici 7 gates HTTP/2 streams by `pipelining`, which over
 * HTTP/1.1 would mean pipelining, so it is raised per connection, only on HTTP/2 ones). If the server
 * answers the first connection with HTTP/1.1, later calls go to a plain pool of `connections` sockets.
 */
export function createUpstreamPool(options: UpstreamPoolOptions): Pool {
  const plain: Pool.Options = {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.connectTimeoutMs, ...(options.ca ? { ca: options.ca } : {}) },
  };
  const tls = new URL(options.baseUrl).protocol === 'https:';
  return tls && options.http2 === true ? new Http2FirstPool(options.baseUrl, plain) : new Pool(options.baseUrl, plain);
}

/** See createUpstreamPool: HTTP/2 on few connections, or HTTP/1.1 on many once the origin shows it has no HTTP/2. */
class Http2FirstPool extends Pool {
  #fallback: Pool | undefined;

  constructor(origin: string, plain: Pool.Options) {
    // Called when a connection is made, long after this constructor has set `self`.
    const onProtocol = (h2: boolean) => {
      if (!h2 && self.#fallback === undefined) self.#fallback = new Pool(origin, plain);
    };
    super(
      origin,
      Object.assign({}, plain, {
        connections: Math.ceil((plain.connections ?? 1) / H2_STREAMS_PER_CONNECTION),
        allowH2: true,
        factory: (url: URL, options: Pool.Options) => createMultiplexingClient(url, options, onProtocol),
      }),
    );
    const self = this;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.#fallback ? this.#fallback.dispatch(options, handler) : super.dispatch(options, handler);
  }

  /** Closes both pools, letting calls in flight finish. (undici's own promise form passes a callback.) */
  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    if (callback) return super.close(callback);
    return Promise.all([super.close(), this.#fallback?.close()]).then(() => undefined);
  }
}

/** A Client that carries H2_STREAMS_PER_CONNECTION calls at once whenever it connects over HTTP/2. */
function createMultiplexingClient(origin: URL, options: Pool.Options, onProtocol: (h2: boolean) => void): Client {
  const connect = options.connect as buildConnector.connector;
  let h2 = false;
  const client = new Client(
    origin,
    Object.assign({}, options, {
      connect: ((connectOptions, callback) =>
        connect(connectOptions, (error, socket) => {
          h2 = (socket as { alpnProtocol?: unknown } | null)?.alpnProtocol === 'h2';
          callback(error, socket as never);
        })) as buildConnector.connector,
    }),
  );
  client.on('connect', () => {
    client.pipelining = h2 ? H2_STREAMS_PER_CONNECTION : 1;
    onProtocol(h2);
  });
  return client;
}
