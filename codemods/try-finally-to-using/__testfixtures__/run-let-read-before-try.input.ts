// @expect: skip used-before-acquisition
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  let resource: Awaited<ReturnType<typeof acquire>> | undefined;
  console.log('open yet:', resource !== undefined);
  try {
    resource = await acquire('a');
    return await resource.use();
  } finally {
    await resource?.close();
  }
}
