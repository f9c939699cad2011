// `@runstatus/queue`: durable run waits on BullMQ and Redis.
export { RedisBudgetStore, type RedisBudgetStoreOptions } from "./budget-store.js";
export type { Connection } from "./redis.js";
export { createRunEvents, type RunEvents, type RunEventsOptions } from "./run-events.js";
export { RedisRunHistory, type RedisRunHistoryOptions } from "./run-history.js";
export { createRunQueue, type RunQueue, type RunQueueOptions, type TrackOptions } from "./run-queue.js";
export { createRunWorker, type RunWorker, type RunWorkerOptions } from "./run-worker.js";
export type {
  EventError,
  Metadata,
  QueueNames,
  RunEndedEvent,
  RunEvent,
  RunUpdatedEvent,
  TrackedRun,
} from "./shared.js";
