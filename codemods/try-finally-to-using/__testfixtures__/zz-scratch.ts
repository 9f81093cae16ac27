import { open, type FileHandle } from 'node:fs/promises';

export async function a(path: string): Promise<number> {
  let handle: FileHandle | undefined;
  console.log(handle === undefined);
  try {
    handle = await open(path);
    return (await handle.stat()).size;
  } finally {
    await handle?.close();
  }
}

export async function b(path: string): Promise<number> {
  const handle = await open(path);
  try {
    const handle2 = handle;
    return (await handle2.stat()).size;
  } finally {
    await handle.close();
  }
}

export async function c(path: string, flag: boolean): Promise<number> {
  if (flag) {
    const handle = await open(path);
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  } else return 0;
}

export async function d(path: string): Promise<void> {
  const handle = await open(path);
  try {
    await handle.stat();
  } finally {
    await handle.close();
  }
  ;
}
