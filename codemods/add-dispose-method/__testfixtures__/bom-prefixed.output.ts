// @expect: Pipe [Symbol.dispose] close
import { createWriteStream } from 'node:fs';

export class Pipe {
  readonly out = createWriteStream('out.log');
  close(): void {
    this.out.end();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}
