// @options: --fix-leaks --stack
// @expect: fixes-leak
// @run: [[true], [false]]
import { acquire } from './resource';
import { step } from './work';

type Resource = Awaited<ReturnType<typeof acquire>>;

async function useOwnOrLent(lent: Resource | undefined): Promise<string> {
  const resource = lent || (await acquire('own'));
  await step('work');
  const value = await resource.use();
  if (lent == null) await resource.close();
  return value;
}

export async function run(borrow: boolean): Promise<string> {
  const lent = borrow ? await acquire('lent') : undefined;
  return await useOwnOrLent(lent);
}
