// @expect: skip not-async-context
import type { Collection } from 'mongodb';

export function cursorFor(users: Collection): number {
  const cursor = users.find({ active: true });
  try {
    cursor.limit(10).batchSize(5);
    return cursor.bufferedCount();
  } finally {
    void cursor.close();
  }
}
