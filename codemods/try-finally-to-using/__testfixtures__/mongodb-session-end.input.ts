// @expect: exact
import type { MongoClient } from 'mongodb';

export async function transfer(client: MongoClient, from: string, to: string): Promise<void> {
  const session = client.startSession();
  try {
    session.startTransaction();
    const accounts = client.db('bank').collection<{ _id: string; balance: number }>('accounts');
    await accounts.updateOne({ _id: from }, { $inc: { balance: -1 } });
    await accounts.updateOne({ _id: to }, { $inc: { balance: 1 } });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
}
