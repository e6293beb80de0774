/**
 * A worker thread of `ingestCorpusParallel`: loads the vocabularies once, then ingests
 * one seed file per message and posts back its outcome as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledgeBase } from '../knowledge/index.ts';
import { processSeed, type SeedJob } from './corpus.ts';

const knowledge = loadKnowledgeBase((workerData as { contentDir?: string }).contentDir);
parentPort?.on('message', (job: SeedJob) => {
  parentPort?.postMessage(processSeed(job, knowledge));
});
