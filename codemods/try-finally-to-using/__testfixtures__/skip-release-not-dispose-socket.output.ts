// @expect: skip release-not-dispose
import { connect } from 'node:net';

export function ping(port: number): void {
  const socket = connect(port);
  try {
    socket.write('PING\r\n');
  } finally {
    socket.end();
  }
}
