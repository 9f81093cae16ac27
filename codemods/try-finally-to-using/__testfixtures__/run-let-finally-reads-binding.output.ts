// @expect: skip used-after-try
// @run: [[]]
import { acquire } from './resource';

export async function run(): Promise<string> {
  let resource: Awaited<ReturnType<typeof acquire>> | undefined;
  try {
    resource = await acquire('a');
    return await resource.use();
  } finally {
    await resource?.close();
    console.log('opened:', resource !== undefined);
  }
}
