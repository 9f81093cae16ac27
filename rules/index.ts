import implementDispose from './implement-dispose.js';
import noLeakedResource from './no-leaked-resource.js';
import noUseAfterDispose from './no-use-after-dispose.js';
import preferAwaitUsing from './prefer-await-using.js';
import preferUsing from './prefer-using.js';

export const rules = {
  'implement-dispose': implementDispose,
  'no-leaked-resource': noLeakedResource,
  'no-use-after-dispose': noUseAfterDispose,
  'prefer-await-using': preferAwaitUsing,
  'prefer-using': preferUsing,
};
