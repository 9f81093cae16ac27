// @options: --stack
// @expect: exact
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

type Resource = Awaited<ReturnType<typeof acquire>>;

async function useOwnOrLent(lent: Resource | undefined): Promise<string> {
  const resource = lent ?? (await acquire('own'));
  try {
    await step('work');
    return await resource.use();
  } finally {
    if (!lent) await resource.close();
  }
}

export async function run(borrow: boolean): Promise<string> {
  const lent = borrow ? await acquire('lent') : undefined;
  return await useOwnOrLent(lent);
}
