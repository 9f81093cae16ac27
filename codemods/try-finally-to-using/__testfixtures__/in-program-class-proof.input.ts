// @expect: exact
class Lease {
  released = false;
  async release(): Promise<void> {
    this.released = true;
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}

async function work(lease: Lease): Promise<void> {
  if (lease.released) throw new Error('released too early');
}

export async function withLease(): Promise<void> {
  const lease = new Lease();
  try {
    await work(lease);
  } finally {
    await lease.release();
  }
}
