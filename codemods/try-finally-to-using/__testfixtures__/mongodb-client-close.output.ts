// @expect: exact
import { MongoClient } from 'mongodb';

export async function countUsers(url: string): Promise<number> {
  await using client = new MongoClient(url);
  await client.connect();
  return await client.db('app').collection('users').countDocuments();
}
