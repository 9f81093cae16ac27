// @expect: Connection [Symbol.asyncDispose] close
import { createConnection, type Socket } from 'node:net';

export class Connection {
  readonly #socket: Socket;

  constructor(port: number) {
    this.#socket = createConnection(port);
  }

  send(line: string): void {
    this.#socket.write(`${line}\n`);
  }

  async close(): Promise<void> {
    await endSocket(this.#socket);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

// Handing the socket to a helper hides the release from inference: only the dispose member
// makes Connection a resource.
function endSocket(socket: Socket): Promise<void> {
  return new Promise<void>((resolve) => socket.end(resolve));
}

// Reported once Connection is disposable: never released.
export function ping(port: number): void {
  const connection = new Connection(port);
  connection.send('PING');
}

// Reported too: released, but not if send() throws.
export async function quit(port: number): Promise<void> {
  const connection = new Connection(port);
  connection.send('QUIT');
  await connection.close();
}

// Not reported: released in a finally, returned, stored.
export async function safe(port: number): Promise<void> {
  const connection = new Connection(port);
  try {
    connection.send('PING');
  } finally {
    await connection.close();
  }
}

export function open(port: number): Connection {
  return new Connection(port);
}

export class Client {
  readonly connection = new Connection(80);
}
