import rule from '../../rules/no-leaked-resource.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// `checkFetchResponses`: a fetch() Response holds its connection until its body is read to the end
// or cancelled. The fixture project types `fetch` with node's globals (undici's Response).
ruleTester.run('no-leaked-resource: checkFetchResponses', rule, {
  valid: [
    {
      name: 'off by default: an unread body on an error branch is not reported',
      code: `
export async function load(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  return await response.json();
}
`,
    },
    {
      name: 'the body cancelled on the error branch and read on the other',
      options: [{ checkFetchResponses: true }],
      code: `
export async function load(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(\`\${url}: \${response.status}\`);
  }
  return await response.json();
}
`,
    },
    {
      name: 'the body read to the end with for await, and a response handed to the caller',
      options: [{ checkFetchResponses: true }],
      code: `
export async function size(url: string): Promise<number> {
  const response = await fetch(url);
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) total += chunk.length;
  }
  return total;
}
export async function request(url: string): Promise<Response> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  return response;
}
`,
    },
  ],
  invalid: [
    {
      name: 'an unread body on the error branch',
      options: [{ checkFetchResponses: true }],
      code: `
export async function load(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  return await response.json();
}
`,
      errors: [{ messageId: 'notReleasedOnThrow', line: 3, suggestions: [] }],
    },
    {
      name: 'a response whose status alone is read',
      options: [{ checkFetchResponses: true }],
      code: `
export async function isUp(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.status === 200;
}
`,
      errors: [{ messageId: 'neverReleased', line: 3, suggestions: [] }],
    },
  ],
});
