// Subpath entry: `import { createWebhookHandler, toNodeListener } from "runstatus/webhooks"`, the
// webhook endpoint (and its Standard-Webhooks verification), kept out of bundles that only poll.

export { toNodeListener } from "./webhooks/node-listener.js";
export type { RunEvent, WebhookProvider } from "./webhooks/run-event.js";
export { createWebhookHandler, type WebhookHandler, type WebhookOptions } from "./webhooks/webhook-receiver.js";
