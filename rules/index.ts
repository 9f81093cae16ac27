import noLeakedResource from './no-leaked-resource.js';

export const rules = {
  'no-leaked-resource': noLeakedResource,
};
