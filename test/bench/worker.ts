/** A child process that runs one task of the harness and answers the parent with its result. */
import 'reflect-metadata';
import { appendRaw, appendThroughPort } from './workloads/append';
import { commandPath } from './workloads/command-path';
import { generateInChild } from './workloads/generate';
import { liveLagRun } from './workloads/live-lag';
import { measureLatencySeries } from './workloads/queries';
import { rebuildOurs, rebuildRaw } from './workloads/rebuild';
import type { ValidationArgs } from './workloads/validation';
import { answerParent } from './support/processes';

// Each task takes one JSON argument; the casts are checked by the task's own argument type.
const TASKS: Record<string, (args: never) => Promise<unknown>> = {
  generate: generateInChild,
  'append-port': appendThroughPort,
  'append-raw': appendRaw,
  'command-path': commandPath,
  'rebuild-ours': rebuildOurs,
  'rebuild-raw': rebuildRaw,
  'latency-series': measureLatencySeries,
  'live-lag': liveLagRun,
  'validation-service': validation,
  'validation-stock': validation,
  'validation-hand-written': validation,
};

/** Loaded on demand: it imports the whole AppModule, which the other tasks' children must not carry. */
async function validation(args: ValidationArgs): Promise<unknown> {
  const { validationRun } = await import('./workloads/validation');
  return validationRun(args);
}

const [task, json] = process.argv.slice(2);
answerParent(async () => {
  const run = TASKS[task];
  if (!run) throw new Error(`Unknown task ${task}; known: ${Object.keys(TASKS).join(', ')}`);
  return run(JSON.parse(json) as never);
});
