// @expect: exact
import { MongoClient } from 'mongodb';

export async function countUsers(url: string): Promise<number> {
  const client = new MongoClient(url);
  try {
    await client.connect();
    return await client.db('app').collection('users').countDocuments();
  } finally {
    await client.close();
  }
}
