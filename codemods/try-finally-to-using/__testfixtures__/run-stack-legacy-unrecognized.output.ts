// @options: --stack
// acquireLegacy has no dispose member and no preset: not a resource to the planner, so no site.
// @run: [[]]
import { acquireLegacy } from './resource';

export async function run(): Promise<string> {
  const resource = await acquireLegacy('legacy');
  try {
    return await resource.use();
  } finally {
    await resource.release();
  }
}
