// @expect: exact
import type { Collection, MongoClient } from 'mongodb';

interface Order {
  id: string;
  total: number;
}

export async function placeOrder(client: MongoClient, orders: Collection<Order>, order: Order): Promise<void> {
  await using session = client.startSession();
  await session.withTransaction(async () => {
    await orders.insertOne(order, { session });
  });
}
