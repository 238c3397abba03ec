// One function's execution environment, as Lambda gives each function its own: the handler module, its
// configuration and its SDK clients load here, on their own thread, once (a cold start), and serve every call.
import { parentPort, workerData } from 'node:worker_threads';

/** What the local server asks of a function. */
export type FunctionCall = { id: number; invoke: unknown } | { id: number; advanceClockMs: number };
/** What a function answers: a result, or the error the handler threw (as Lambda would report it). */
export type FunctionReply = { id: number; result: unknown } | { id: number; error: { name: string; message: string; stack?: string } };

const { entry, clockModule } = workerData as { entry: string; clockModule: string };
const port = parentPort;
if (!port) throw new Error('function-worker.ts runs only as a worker thread.');

const module = (await import(entry)) as { handler: (event?: unknown) => Promise<unknown> };
// The same clock module instance the handler reads, so moving it moves the function's time.
const clock = (await import(clockModule)) as typeof import('../lambda/clock.ts');

port.on('message', (call: FunctionCall) => {
  const answer =
    'advanceClockMs' in call ? Promise.resolve(clock.advanceClock(call.advanceClockMs).toISOString()) : module.handler(call.invoke);
  answer.then(
    (result) => port.postMessage({ id: call.id, result } satisfies FunctionReply),
    (error: unknown) => {
      const { name = 'Error', message = String(error), stack } = error instanceof Error ? error : {};
      port.postMessage({ id: call.id, error: { name, message, stack } } satisfies FunctionReply);
    },
  );
});
port.postMessage({ ready: true });
