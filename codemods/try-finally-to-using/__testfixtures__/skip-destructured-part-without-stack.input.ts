// @expect: skip destructured-part
import { request } from 'undici';

export async function statusOf(url: string): Promise<number> {
  const { statusCode, body } = await request(url);
  try {
    await body.text();
    return statusCode;
  } finally {
    await body.dump();
  }
}
