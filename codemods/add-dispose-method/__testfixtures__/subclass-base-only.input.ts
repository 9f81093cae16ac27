// @expect: Connection [Symbol.dispose] end
import type { Socket } from 'node:net';

export class Connection {
  constructor(protected readonly socket: Socket) {}
  end(): void {
    this.socket.end();
  }
}

export class TracedConnection extends Connection {
  override end(): void {
    console.log('end');
    super.end();
  }
}
