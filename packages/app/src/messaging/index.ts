/**
 * Messaging: email and text messages sent after commit, through GOV.UK Notify or the local
 * outbox. Capabilities call `enqueueMessage(tx, …)` in their transaction and add their templates
 * to `templates.ts`.
 */
export { enqueueMessage, canonicalEmail, canonicalMobile, type MessageInput } from './enqueue-message.ts';
export { messageTemplates, type MessageChannel, type MessageTemplate } from './templates.ts';
export { configureMessaging, transportFor, type MessageTransport } from './transport.ts';
