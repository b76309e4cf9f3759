import { MongoClient } from 'mongodb';
import { startMongoEmulator, type MongoEmulator } from '../src/index.js';

export interface Harness {
  emulator: MongoEmulator;
  client: MongoClient;
  close(): Promise<void>;
}

/** An in-memory emulator on a random port plus a connected driver client. */
export async function startHarness(): Promise<Harness> {
  const emulator = await startMongoEmulator({ port: 0 });
  const client = await MongoClient.connect(emulator.uri, { serverSelectionTimeoutMS: 5000 });
  return {
    emulator,
    client,
    async close() {
      await client.close();
      await emulator.close();
    },
  };
}

let counter = 0;
/** A fresh database name per test so tests never see each other's data. */
export const freshDb = (prefix = 't'): string => `${prefix}_${process.pid}_${++counter}`;
