// Runs dynalite on its own thread, apart from the server's thread and the functions' threads, as DynamoDB runs
// apart from Lambda. It needs nothing from the project's TypeScript, so it is plain JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import dynaliteModule from 'dynalite';

const dynalite = dynaliteModule.default ?? dynaliteModule;
const server = dynalite({
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
  ...(workerData.dataDir ? { path: workerData.dataDir } : {}),
});
server.on('error', (error) => parentPort?.postMessage({ error: { code: error.code, message: error.message } }));
server.listen(workerData.port, '127.0.0.1', () => parentPort?.postMessage({ port: server.address().port }));
parentPort?.on('message', (message) => {
  if (message === 'close') {
    server.close(() => parentPort?.postMessage({ closed: true }));
    server.closeAllConnections?.();
  }
});
