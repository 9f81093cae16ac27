// @expect: exact
import type { MongoClient } from 'mongodb';

export async function transfer(client: MongoClient, from: string, to: string): Promise<void> {
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      const accounts = client.db('bank').collection<{ _id: string; balance: number }>('accounts');
      await accounts.updateOne({ _id: from }, { $inc: { balance: -1 } }, { session });
      await accounts.updateOne({ _id: to }, { $inc: { balance: 1 } }, { session });
    });
  } finally {
    await session.endSession();
  }
}
