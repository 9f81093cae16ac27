// @expect: Channel [Symbol.dispose] destroy
import type { Socket } from 'node:net';

export class Channel {
    constructor(private readonly socket: Socket) {}

    send(data: string): void {
        this.socket.write(data);
    }

    destroy(): void {
        this.socket.destroy();
    }

    [Symbol.dispose](): void {
        this.destroy();
    }
}
