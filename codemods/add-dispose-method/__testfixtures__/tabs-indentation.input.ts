// @expect: Queue [Symbol.asyncDispose] shutdown
import { MongoClient } from 'mongodb';

export class Queue {
	readonly #client = new MongoClient('mongodb://localhost');

	async shutdown() {
		await this.#client.close();
	}
}
