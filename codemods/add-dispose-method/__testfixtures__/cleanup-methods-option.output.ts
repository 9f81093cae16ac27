// @options: --cleanup-methods=stop
// @expect: Poller [Symbol.dispose] stop
export class Poller {
  #timer: NodeJS.Timeout | undefined;
  start(): void {
    this.#timer = setInterval(() => undefined, 1000);
  }
  stop(): void {
    clearInterval(this.#timer);
  }
  [Symbol.dispose](): void {
    this.stop();
  }
}
