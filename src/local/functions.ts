import { Worker } from 'node:worker_threads';
import type { FunctionCall, FunctionReply } from './function-worker.ts';

/** A function running in its own worker thread, called like its Lambda handler. */
export interface LocalFunction {
  name: string;
  invoke(event?: unknown): Promise<unknown>;
  /** Moves this function's clock forward; returns its new time. */
  advanceClock(ms: number): Promise<Date>;
  stop(): Promise<void>;
}

/**
 * Starts a function's execution environment: its handler module is imported on a new thread with the
 * environment as it is now (as Lambda fixes a function's environment at deploy). Fails when the module does,
 * e.g. a configuration error at cold start.
 */
export async function startFunction(name: string, entry: string, clockModule: string): Promise<LocalFunction> {
  const worker = new Worker(new URL('./function-worker.ts', import.meta.url), {
    workerData: { entry, clockModule },
    env: { ...process.env },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let lastId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  await new Promise<void>((ready, fail) => {
    const onExit = (code: number) => fail(new Error(`The ${name} function stopped while starting (exit ${code}).`));
    worker.once('message', () => {
      worker.off('error', fail);
      worker.off('exit', onExit);
      ready();
    });
    worker.once('error', fail);
    worker.once('exit', onExit);
  });
  worker.on('message', (reply: FunctionReply) => {
    const call = pending.get(reply.id);
    pending.delete(reply.id);
    if (!call) return;
    if ('error' in reply) call.reject(Object.assign(new Error(reply.error.message), reply.error));
    else call.resolve(reply.result);
  });
  worker.on('error', (error) => failAll(new Error(`The ${name} function crashed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => failAll(new Error(`The ${name} function exited (code ${code}).`)));
  const call = (message: Omit<FunctionCall, 'id'>) =>
    new Promise<unknown>((resolve, reject) => {
      if (failure) return reject(failure);
      lastId += 1;
      pending.set(lastId, { resolve, reject });
      worker.postMessage({ ...message, id: lastId });
    });
  return {
    name,
    invoke: (event) => call({ invoke: event }),
    advanceClock: async (ms) => new Date(String(await call({ advanceClockMs: ms }))),
    stop: async () => {
      failure = new Error(`The ${name} function was stopped.`);
      await worker.terminate();
    },
  };
}
