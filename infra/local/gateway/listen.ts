/** Starting and stopping the Node HTTP server behind the gateway, with the failures a developer can act on. */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalSetupError } from '../dynamodb-local';

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves every request with `serve`; a failure in it is a bare 500 (or a cut connection once answering began). */
export const listen = async (
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port: number | undefined,
  host: string,
): Promise<LocalServer> => {
  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error('local server failed:', error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalSetupError(
              'port_busy',
              `Port ${port} is already in use, so the local API cannot start: stop what listens there or set PORT to a free port`,
            )
          : error,
      ),
    );
    server.listen(port ?? 0, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; then the connections are cut.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
};
