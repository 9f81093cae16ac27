// @expect: Watcher [Symbol.dispose] close
import { watch, type FSWatcher } from 'node:fs'

export class Watcher {
  readonly #watcher: FSWatcher = watch('.')

  close() {
    this.#watcher.close()
  }
}
