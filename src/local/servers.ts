import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port was asked for and another program already listens on it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly what: string,
    readonly port: number,
    readonly envVar: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use by another program, so the local stack cannot start.\n` +
        `Stop that program, or choose another port: ${envVar}=<port> npm start (0 picks a free one).`,
    );
  }
}

/** Starts a server on loopback; rejects with PortInUseError naming the port when it is taken. */
export function listen(server: Server, port: number, what: string, envVar: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port, envVar) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Closes a server and its open connections. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** Fails with PortInUseError when a fixed port is taken (for servers that do not report it themselves). */
export async function ensurePortFree(port: number, what: string, envVar: string): Promise<void> {
  if (port === 0) return;
  const { createServer } = await import('node:http');
  const probe = createServer();
  await listen(probe, port, what, envVar);
  await close(probe);
}
